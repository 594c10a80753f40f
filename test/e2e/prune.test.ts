import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { startCli } from '../support/spawn.js';

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

  it('a sync run keeps a journal while it applies; one killed half-way is reported by prune, and nothing it made is deleted', async () => {
    const emu = await emulator();
    const stateDir = tempDir('slh-state-');
    const env = {
      SALESLOFT_API_URL: emu.url,
      SALESLOFT_API_KEY: 'ak_test',
      SALESLOFT_HOOKS_STATE_DIR: stateDir,
    };
    const file = join(tempDir('slh-sync-'), 'salesloft-hooks.yaml');
    writeFileSync(
      file,
      'subscriptions:\n  - url: https://hooks.example.com/x\n    token: tok\n    events: [person_updated]\n',
    );
    const applied = await runCli(['sync', '--file', file, '--yes'], { env });
    expect(applied.code).toBe(0);
    const made = emu.store.list();
    expect(made).toHaveLength(1);
    // Applied and gone: a finished run leaves no journal.
    expect(readdirSync(join(stateDir, 'sessions'))).toEqual([]);
    // What a `kill -9` in the middle of applying leaves.
    writeFileSync(
      join(stateDir, 'sessions', 'sync-0123456789ab.json'),
      JSON.stringify({
        v: 1,
        kind: 'sync',
        session_id: 'sync-0123456789ab',
        pid: 2 ** 22 + 1,
        hostname: hostname(),
        started_at: '2026-12-07T10:00:00.000Z',
        api_url: emu.url,
        callback_url: '',
        subscription_ids: [],
      }),
    );
    const prune = await runCli(['prune', '--yes'], { env });
    expect(prune.code).toBe(0);
    expect(prune.stderr).toContain(
      'A sync run started 2026-12-07T10:00:00.000Z died before it finished: run `salesloft-hooks sync` again to converge (nothing of it is deleted).',
    );
    expect(emu.store.list()).toEqual(made);
    expect(readdirSync(join(stateDir, 'sessions'))).toEqual([]);
    // A state directory sync cannot write costs only that report: the file is still applied.
    const readOnly = join(tempDir('slh-file-'), 'not-a-folder');
    writeFileSync(readOnly, '');
    writeFileSync(
      file,
      'subscriptions:\n  - url: https://hooks.example.com/x\n    token: tok\n    events: [person_updated, task_created]\n',
    );
    const still = await runCli(['sync', '--file', file, '--yes'], {
      env: { ...env, SALESLOFT_HOOKS_STATE_DIR: readOnly },
    });
    expect(still.code).toBe(0);
    expect(emu.store.list()).toHaveLength(2);
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

describe('prune with two teams on one API URL', () => {
  it('after kill -9 of a listen with team B’s key, prune with team C’s key keeps B’s journal and names B; B’s key cleans up', async () => {
    const emu = await emulator();
    emu.registerApplication('ak_team_b', { team: { id: 11, name: 'Acme US' } });
    emu.registerApplication('ak_team_c', { team: { id: 12, name: 'Acme EU' } });
    const stateDir = tempDir('slh-state-');
    const as = (key: string) => ({
      env: { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: key, SALESLOFT_HOOKS_STATE_DIR: stateDir },
    });
    const listen = startCli(
      ['listen', '--tunnel', 'none', '--event', 'note_created,task_created'],
      as('ak_team_b').env,
    );
    await listen.waitFor(/Ready: /);
    expect(listen.stderr).toContain('Team: Acme US (id 11)');
    listen.child.kill('SIGKILL');
    await listen.exited;
    const journals = () => readdirSync(join(stateDir, 'sessions')).filter((name) => name.endsWith('.json'));
    expect(journals()).toHaveLength(1);
    const journal = JSON.parse(readFileSync(join(stateDir, 'sessions', journals()[0] ?? ''), 'utf8'));
    expect(journal.owner).toEqual({
      team_id: 11,
      team_name: 'Acme US',
      credential_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(journal)).not.toContain('ak_team_b');

    const wrong = await runCli(['prune', '--yes'], as('ak_team_c'));
    expect(wrong.code).toBe(0);
    expect(wrong.stderr).toContain('Team: Acme EU (id 12)');
    expect(wrong.stderr).toContain(
      `Keeping session ${journal.session_id} belongs to team "Acme US": prune with the API key it was made with.`,
    );
    expect(journals()).toHaveLength(1);
    expect(emu.store.list()).toHaveLength(2);

    const right = await runCli(['prune', '--yes', '--json'], as('ak_team_b'));
    expect(right.code).toBe(0);
    expect(parseJson<{ deleted: unknown[]; team: unknown }>(right)).toMatchObject({
      team: { id: 11, name: 'Acme US' },
      deleted: [expect.anything(), expect.anything()],
    });
    expect(emu.store.list()).toEqual([]);
    expect(journals()).toEqual([]);
  });

  it('list and sync --check name the team they act on', async () => {
    const emu = await emulator({ applications: { ak_eu: { team: { id: 12, name: 'Acme EU' } } } });
    const env = { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_eu' };
    const cache = { SALESLOFT_HOOKS_CACHE_DIR: tempDir('slh-cache-') };
    const list = await runCli(['list', '--json'], { env: { ...env, ...cache } });
    expect(list.stderr).toContain('Team: Acme EU (id 12)');
    expect(parseJson(list)).toEqual([]);
    // The team is remembered per key and API: the next command asks Salesloft once, not twice.
    const again = await runCli(['list'], { env: { ...env, ...cache } });
    expect(again.stderr).toContain('Team: Acme EU (id 12)');
    expect(emu.requests.filter((request) => request.path === '/v2/team')).toHaveLength(1);
    expect(readFileSync(join(cache.SALESLOFT_HOOKS_CACHE_DIR, 'teams.json'), 'utf8')).not.toContain('ak_eu');
    const file = join(tempDir(), 'hooks.yaml');
    writeFileSync(
      file,
      'subscriptions:\n  - url: https://h.example.com/x\n    token: abc\n    events: [note_created]\n',
    );
    const check = await runCli(['sync', '--file', file, '--check'], { env });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('Team: Acme EU (id 12)');
    const json = await runCli(['sync', '--file', file, '--check', '--json'], { env });
    expect(parseJson<{ team: unknown }>(json).team).toEqual({ id: 12, name: 'Acme EU' });
  });
});
