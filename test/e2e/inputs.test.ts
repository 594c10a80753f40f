import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import { parseJson, runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { recordingServer } from '../support/receiver.js';

function env(emu: Emulator) {
  return { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test' };
}

function seed(emu: Emulator): void {
  for (const event_type of ['person_updated', 'task_created']) {
    emu.store.create({
      callback_url: 'https://hooks.example.com/x',
      callback_token: 'secret-token-1234',
      event_type,
    });
  }
}

describe('selectors that would select everything', () => {
  it('an empty or blank --url is exit 2 and deletes nothing', async () => {
    const emu = await emulator();
    seed(emu);
    for (const args of [
      ['unsubscribe', '--url', '', '--yes'],
      ['unsubscribe', '--url', '  ', '--yes'],
      ['list', '--url', ''],
    ]) {
      const result = await runCli(args, { env: env(emu) });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('--url is empty');
    }
    expect(emu.store.list()).toHaveLength(2);
  });
});

describe('callback tokens in JSON', () => {
  it('unsubscribe --json, its --dry-run plan and prune --json hold no token unless --show-tokens', async () => {
    const emu = await emulator();
    seed(emu);
    const plan = await runCli(['unsubscribe', '--all', '--dry-run', '--json'], { env: env(emu) });
    expect(plan.stdout).not.toContain('secret-token-1234');
    expect(parseJson<{ plan: object[] }>(plan).plan).toHaveLength(2);
    const shown = await runCli(['unsubscribe', '--all', '--dry-run', '--json', '--show-tokens'], {
      env: env(emu),
    });
    expect(shown.stdout).toContain('secret-token-1234');
    const deleted = await runCli(['unsubscribe', '--all', '--yes', '--json'], { env: env(emu) });
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).not.toContain('secret-token-1234');
    expect(parseJson<{ deleted: object[] }>(deleted).deleted).toHaveLength(2);
  });
});

describe('sync files', () => {
  it('a token YAML reads as a number is a validation error, not a mangled token', async () => {
    const emu = await emulator();
    for (const token of ['0123456789012345678901', '0x1F2E3D4C']) {
      const file = join(tempDir(), 'hooks.yaml');
      writeFileSync(
        file,
        `subscriptions:\n  - url: https://hooks.example.com/x\n    token: ${token}\n    events: [person_updated]\n`,
      );
      const result = await runCli(['sync', '--file', file, '--check'], { env: env(emu) });
      expect(result.code, token).toBe(2);
      expect(result.stderr).toMatch(/hooks\.yaml:3: `token` must be text: quote the token/);
    }
  });
});

describe('where the API key goes', () => {
  it('a .env that sets only the API URL cannot redirect a key from the environment', async () => {
    const capture = await recordingServer();
    const cwd = tempDir();
    writeFileSync(join(cwd, '.env'), `SALESLOFT_API_URL=${capture.url}\n`);
    const result = await runCli(['list'], { cwd, env: { SALESLOFT_API_KEY: 'ak_users_own_key' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${join(cwd, '.env')} sets SALESLOFT_API_URL but your API key comes from`,
    );
    expect(capture.received).toEqual([]);
  });

  it('bad API URLs and keys are usage errors (exit 2), not network failures', async () => {
    for (const [url, key, message] of [
      ['not a url', 'ak_test', 'is not a URL'],
      ['ftp://api.example.com', 'ak_test', 'is not https'],
      ['http://api.example.com', 'ak_test', 'is not https'],
      ['http://127.0.0.1:9', 'ak_te\nst', 'line break'],
    ] as const) {
      const result = await runCli(['list', '--api-url', url], { env: { SALESLOFT_API_KEY: key } });
      expect(result.code, url).toBe(2);
      expect(result.stderr).toContain(message);
    }
  });

  it('a state directory that is a file is exit 2, and trigger --token "" is exit 2', async () => {
    const emu = await emulator();
    const file = join(tempDir(), 'state');
    writeFileSync(file, '');
    const listen = await runCli(['listen', '--event', 'note_created'], {
      env: { ...env(emu), SALESLOFT_HOOKS_STATE_DIR: file },
    });
    expect(listen.code).toBe(2);
    expect(listen.stderr).toContain('Cannot use the state directory (ENOTDIR');
    const empty = await runCli(['trigger', 'note_created', '--to', 'http://127.0.0.1:9', '--token', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--token is empty');
  });
});
