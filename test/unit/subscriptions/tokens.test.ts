import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callbackToken, legacyTokens } from '../../../src/subscriptions/tokens.js';
import { tempDir } from '../../support/cli.js';

describe('the stored callback token', () => {
  it('is one per state directory, whatever the API URL, kept in a 0600 file, and reused', async () => {
    const stateDir = join(tempDir(), 'state');
    const first = await callbackToken({ stateDir, apiUrl: 'https://api.salesloft.com' });
    expect(first.source).toBe('created');
    expect(first.token).toMatch(/^[0-9a-f]{64}$/);
    const file = join(stateDir, 'callback-tokens.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
    for (const apiUrl of ['https://api.salesloft.com', 'http://127.0.0.1:4010', 'http://localhost:4010']) {
      expect(await callbackToken({ stateDir, apiUrl })).toEqual({ token: first.token, source: 'stored' });
    }
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ v: 2, token: first.token, legacy: {} });
  });

  it('a file of before 0.3 (one token per API URL) keeps its tokens: the API URL’s becomes the one', async () => {
    const stateDir = tempDir();
    const legacy = { 'http://127.0.0.1:4010': 'a'.repeat(64), 'https://api.salesloft.com': 'b'.repeat(64) };
    writeFileSync(join(stateDir, 'callback-tokens.json'), JSON.stringify({ v: 1, tokens: legacy }));
    expect(await callbackToken({ stateDir, apiUrl: 'http://127.0.0.1:4010' })).toEqual({
      token: 'a'.repeat(64),
      source: 'stored',
    });
    expect((await callbackToken({ stateDir, apiUrl: 'https://api.salesloft.com' })).token).toBe(
      'a'.repeat(64),
    );
    expect(await legacyTokens(stateDir, 'a'.repeat(64))).toEqual(['b'.repeat(64)]);
    expect(JSON.parse(readFileSync(join(stateDir, 'callback-tokens.json'), 'utf8')).legacy).toEqual(legacy);
  });

  it('--new-token replaces it; a flag or the environment wins and is not stored; readOnly never creates', async () => {
    const stateDir = tempDir();
    await expect(callbackToken({ stateDir, apiUrl: 'a', readOnly: true })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('No callback token'),
    });
    const old = await callbackToken({ stateDir, apiUrl: 'a' });
    const renewed = await callbackToken({ stateDir, apiUrl: 'a', renew: true });
    expect(renewed.source).toBe('created');
    expect(renewed.token).not.toBe(old.token);
    expect((await callbackToken({ stateDir, apiUrl: 'b' })).token).toBe(renewed.token);
    expect(await callbackToken({ stateDir, apiUrl: 'a', flag: 'f', env: 'e' })).toEqual({
      token: 'f',
      source: 'flag',
    });
    expect(await callbackToken({ stateDir, apiUrl: 'a', env: 'e', envSource: '.env' })).toEqual({
      token: 'e',
      source: '.env',
    });
    expect((await callbackToken({ stateDir, apiUrl: 'a' })).token).toBe(renewed.token);
    // --new-token with a token given another way: said, not ignored, and nothing replaced.
    await expect(
      callbackToken({ stateDir, apiUrl: 'a', env: 'e', envSource: 'environment', renew: true }),
    ).rejects.toMatchObject({
      exitCode: 2,
      message:
        '--new-token replaces the stored token, but SALESLOFT_CALLBACK_TOKEN (in the environment) comes first and is the token this would use: unset it, or drop --new-token.',
    });
    await expect(callbackToken({ stateDir, apiUrl: 'a', flag: 'f', renew: true })).rejects.toMatchObject({
      message: expect.stringContaining('but --token comes first'),
    });
    expect((await callbackToken({ stateDir, apiUrl: 'a' })).token).toBe(renewed.token);
  });

  it('refuses an empty token, and a state directory that is a file, as usage errors', async () => {
    await expect(callbackToken({ stateDir: tempDir(), apiUrl: 'a', flag: ' ' })).rejects.toMatchObject({
      exitCode: 2,
      message: '--token is empty: give the callback token.',
    });
    const file = join(tempDir(), 'not-a-dir');
    writeFileSync(file, '');
    await expect(callbackToken({ stateDir: file, apiUrl: 'a' })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^Cannot use the state directory \(ENOTDIR.*SALESLOFT_HOOKS_STATE_DIR/),
    });
  });

  it('replaces a damaged file instead of failing', async () => {
    const stateDir = tempDir();
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(join(stateDir, 'callback-tokens.json'), '{not json');
    expect((await callbackToken({ stateDir, apiUrl: 'a' })).source).toBe('created');
  });
});

describe('two commands at once', () => {
  it('on a fresh state directory, commands creating the token at the same moment agree on one', async () => {
    const stateDir = tempDir();
    const tokens = await Promise.all(
      Array.from({ length: 8 }, () => callbackToken({ stateDir, apiUrl: 'a' })),
    );
    expect(new Set(tokens.map((choice) => choice.token)).size).toBe(1);
  });
});
