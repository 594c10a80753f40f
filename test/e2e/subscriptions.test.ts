import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import { parseJson, runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';

// Through a real process: exit codes, a key never printed, the configuration it reads (.env in
// its working directory). What the commands do is tested in process: test/unit/commands/.
const URL_A = 'https://hooks.example.com/a';
function against(emu: Emulator, extra: Record<string, string> = {}) {
  return { env: { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test', ...extra } };
}

describe('API errors and configuration', () => {
  it('a wrong API key exits 3 with Salesloft’s message, and never prints the key', async () => {
    const emu = await emulator({ apiKey: 'ak_right' });
    for (const json of [false, true]) {
      const result = await runCli(
        ['list', ...(json ? ['--json'] : [])],
        against(emu, { SALESLOFT_API_KEY: 'ak_wrong_secret' }),
      );
      expect(result.code).toBe(3);
      expect(result.stdout + result.stderr).toContain(
        'No Bearer Token attached to request, please see documentation at developers.salesloft.com',
      );
      expect(result.stdout + result.stderr).not.toContain('ak_wrong_secret');
    }
  });

  it('an unreachable --api-url exits 4 naming the host', async () => {
    const result = await runCli(['list', '--api-url', 'http://127.0.0.1:9', '--api-key', 'k', '--json']);
    expect(result.code).toBe(4);
    expect(parseJson(result)).toEqual({
      error: {
        code: 'network',
        message: 'Cannot reach Salesloft at 127.0.0.1:9: connection refused (ECONNREFUSED)',
      },
    });
  });

  it('no API key anywhere exits 2 naming --api-key and SALESLOFT_API_KEY, and the way without an account', async () => {
    const result = await runCli(['list']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--api-key.*SALESLOFT_API_KEY/);
    expect(result.stderr).toContain(
      'Without an account, try `salesloft-hooks listen --emulator`, or run `salesloft-hooks emulator` and follow what it prints.',
    );
  });

  it('the API key comes from the flag, else the environment, else .env in the working directory', async () => {
    const emu = await emulator({ apiKey: 'ak_right' });
    const cwd = tempDir();
    writeFileSync(join(cwd, '.env'), 'SALESLOFT_API_KEY=ak_right\n');
    const url = { SALESLOFT_API_URL: emu.url };
    expect((await runCli(['list'], { cwd, env: url })).code).toBe(0);
    expect((await runCli(['list'], { cwd, env: { ...url, SALESLOFT_API_KEY: 'ak_env_wrong' } })).code).toBe(
      3,
    );
    const flagWins = await runCli(['list', '--api-key', 'ak_right'], {
      cwd,
      env: { ...url, SALESLOFT_API_KEY: 'ak_env_wrong' },
    });
    expect(flagWins.code).toBe(0);
    // Key and URL both from the same .env work together; a .env URL never meets a key from elsewhere.
    writeFileSync(join(cwd, '.env'), `SALESLOFT_API_KEY=ak_right\nSALESLOFT_API_URL=${emu.url}\n`);
    expect((await runCli(['list'], { cwd })).code).toBe(0);
    expect((await runCli(['list'], { cwd, env: { SALESLOFT_API_KEY: 'ak_env_wrong' } })).code).toBe(2);
  });

  it('list --json holds only the JSON on stdout, ready for jq', async () => {
    const emu = await emulator();
    emu.store.create({ callback_url: URL_A, callback_token: 't', event_type: 'person_updated' });
    const result = await runCli(['list', '--json'], against(emu));
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(result.stdout.trim().startsWith('[')).toBe(true);
  });
});

describe('in CI', () => {
  it('subscribe and listen mint no callback token that would die with the runner (exit 2, nothing asked of Salesloft); a given one works', async () => {
    // Never contacted: the token is settled before any request.
    const remote = {
      SALESLOFT_API_URL: 'https://api.salesloft.invalid',
      SALESLOFT_API_KEY: 'ak_test',
      CI: '1',
    };
    for (const args of [
      ['subscribe', '--url', 'https://hooks.example.com/x', '--event', 'note_created', '--yes'],
      ['listen', '--public-url', 'https://hooks.example.com', '--event', 'note_created'],
    ]) {
      const refused = await runCli(args, { env: remote });
      expect(refused.code, args[0]).toBe(2);
      expect(refused.stderr, args[0]).toContain(
        'CI is set and no callback token is given: one made here would die with the runner',
      );
    }
    const emu = await emulator();
    const local = { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test', CI: 'true' };
    const given = await runCli(
      ['subscribe', '--url', 'https://hooks.example.com/x', '--event', 'note_created', '--json'],
      { env: { ...local, SALESLOFT_CALLBACK_TOKEN: 'from-ci-secrets' } },
    );
    expect(given.code).toBe(0);
    expect(emu.store.list().map((sub) => sub.callback_token)).toEqual(['from-ci-secrets']);
  });

  it('subscribe warns about another token on the URL whatever the event type of that subscription', async () => {
    const emu = await emulator();
    emu.store.create({
      callback_url: 'https://hooks.example.com/x',
      callback_token: 'old',
      event_type: 'task_created',
    });
    const result = await runCli(
      ['subscribe', '--url', 'https://hooks.example.com/x', '--event', 'note_created', '--token', 'new'],
      { env: { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test' } },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/1 existing subscription for this URL uses another token \(#\d+\)/);
  });
});
