import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callbackToken } from '../../../src/subscriptions/tokens.js';
import { tempDir } from '../../support/cli.js';

describe('the stored callback token', () => {
  it('is created once per API URL, kept in a 0600 file, and reused', async () => {
    const stateDir = join(tempDir(), 'state');
    const first = await callbackToken({ stateDir, apiUrl: 'https://api.salesloft.com' });
    expect(first.source).toBe('created');
    expect(first.token).toMatch(/^[0-9a-f]{64}$/);
    const file = join(stateDir, 'callback-tokens.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
    expect(await callbackToken({ stateDir, apiUrl: 'https://api.salesloft.com' })).toEqual({
      token: first.token,
      source: 'stored',
    });
    const other = await callbackToken({ stateDir, apiUrl: 'http://127.0.0.1:4010' });
    expect(other.token).not.toBe(first.token);
    expect(JSON.parse(readFileSync(file, 'utf8')).tokens).toEqual({
      'https://api.salesloft.com': first.token,
      'http://127.0.0.1:4010': other.token,
    });
  });

  it('--new-token replaces only that API URL’s token; a flag or the environment wins and is not stored', async () => {
    const stateDir = tempDir();
    const old = await callbackToken({ stateDir, apiUrl: 'a' });
    const renewed = await callbackToken({ stateDir, apiUrl: 'a', renew: true });
    expect(renewed.source).toBe('created');
    expect(renewed.token).not.toBe(old.token);
    expect((await callbackToken({ stateDir, apiUrl: 'a' })).token).toBe(renewed.token);
    expect(await callbackToken({ stateDir, apiUrl: 'a', flag: 'f', env: 'e' })).toEqual({
      token: 'f',
      source: 'flag',
    });
    expect(await callbackToken({ stateDir, apiUrl: 'a', env: 'e' })).toEqual({
      token: 'e',
      source: 'environment',
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
