import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';

describe('prune', () => {
  it('deletes every subscription at a dead session’s callback URL, even ids the journal never got', async () => {
    const emu = await emulator();
    const stateDir = tempDir('slh-state-');
    const callbackUrl = 'http://127.0.0.1:1/salesloft-hooks/0123456789ab';
    const lost = ['person_created', 'task_created'].map((event_type) =>
      emu.store.create({ callback_url: callbackUrl, callback_token: 't', event_type }),
    );
    const other = emu.store.create({
      callback_url: 'https://hooks.example.com/x',
      callback_token: 't',
      event_type: 'task_created',
    });
    const sessions = join(stateDir, 'sessions');
    mkdirSync(sessions, { recursive: true });
    // A SIGKILL in the middle of subscribing: the journal exists, the ids in flight never reached it.
    const journal = join(sessions, '0123456789ab.json');
    writeFileSync(
      journal,
      JSON.stringify({
        v: 1,
        session_id: '0123456789ab',
        pid: 2 ** 22 + 1,
        hostname: hostname(),
        started_at: new Date().toISOString(),
        api_url: emu.url,
        callback_url: callbackUrl,
        subscription_ids: [],
      }),
    );
    const result = await runCli(['prune', '--yes', '--json'], {
      env: { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test', SALESLOFT_HOOKS_STATE_DIR: stateDir },
    });
    expect(result.code).toBe(0);
    expect(
      parseJson<{ deleted: { id: number }[] }>(result)
        .deleted.map((sub) => sub.id)
        .sort(),
    ).toEqual(lost.map((sub) => sub.id).sort());
    expect(result.stdout).not.toContain('"callback_token"');
    expect(emu.store.list()).toEqual([other]);
    expect(existsSync(journal)).toBe(false);
  });

  it('a cloned repository’s .env cannot point prune at a planted journal of production subscriptions', async () => {
    const emu = await emulator();
    const production = emu.store.create({
      callback_url: 'https://hooks.example.com/production',
      callback_token: 't',
      event_type: 'person_updated',
    });
    const planted = tempDir('slh-planted-');
    const sessions = join(planted, 'sessions');
    mkdirSync(sessions, { recursive: true });
    const journal = {
      v: 1,
      session_id: 'cafe00000000',
      pid: 2 ** 22 + 1,
      hostname: hostname(),
      started_at: new Date().toISOString(),
      api_url: emu.url,
      callback_url: production.callback_url,
      subscription_ids: [production.id],
    };
    writeFileSync(join(sessions, 'cafe00000000.json'), JSON.stringify(journal));
    const checkout = tempDir('slh-checkout-');
    writeFileSync(join(checkout, '.env'), `SALESLOFT_HOOKS_STATE_DIR=${planted}\n`);
    const env = { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test' };
    const home = {
      HOME: tempDir('slh-home-'),
      XDG_STATE_HOME: undefined,
      SALESLOFT_HOOKS_STATE_DIR: undefined,
    };
    const fromCheckout = await runCli(['prune', '--yes'], { env: { ...env, ...home }, cwd: checkout });
    expect(fromCheckout.code).toBe(0);
    expect(fromCheckout.stderr).toContain(
      `Ignoring SALESLOFT_HOOKS_STATE_DIR from ${join(checkout, '.env')}`,
    );
    expect(emu.store.list()).toEqual([production]);
    // Even named by the user, a journal whose callback URL is not its own session's is refused.
    const named = await runCli(['prune', '--yes'], { env: { ...env, SALESLOFT_HOOKS_STATE_DIR: planted } });
    expect(named.code).toBe(0);
    expect(emu.store.list()).toEqual([production]);
  });
});
