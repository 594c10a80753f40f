import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../../packages/webhooks/src/emulator/emulator.js';
import { parseJson, tempDir } from '../../support/cli.js';
import { emulator } from '../../support/emulator.js';
import { runInProcess as runCli } from '../../support/in-process.js';

const URL_A = 'https://hooks.example.com/a';
const URL_B = 'https://other.example.com/b';

interface Sub {
  id: number;
  event_type: string;
  callback_url: string;
  enabled: boolean;
  callback_token?: string;
}

function against(emu: Emulator, extra: Record<string, string> = {}) {
  return { env: { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test', ...extra } };
}

describe('subscribe', () => {
  it('person_* creates 3 with the state directory’s token; the same again creates 0 and reports 3 existing', async () => {
    const emu = await emulator();
    const state = { SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-') };
    const first = await runCli(
      ['subscribe', '--url', URL_A, '--event', 'person_*', '--json'],
      against(emu, state),
    );
    expect(first.code).toBe(0);
    const created = parseJson<{ token: string; created: Sub[]; existing: Sub[] }>(first);
    expect(created.created.map((sub) => sub.event_type)).toEqual([
      'person_created',
      'person_deleted',
      'person_updated',
    ]);
    expect(created.existing).toEqual([]);
    expect(created.token).toMatch(/^[0-9a-f]{64}$/);
    expect(
      emu.store.list().every((sub) => sub.callback_token === created.token && sub.callback_url === URL_A),
    ).toBe(true);
    // Progress and the scope note go to stderr, never stdout.
    expect(first.stderr).toContain('(3/3)');
    expect(first.stderr).toContain('people:read');

    // The token is the one listen and trigger use: stored, so shown in full only when new.
    const print = await runCli(['listen', '--print-token'], against(emu, state));
    expect(print.stdout.trim()).toBe(created.token);
    const again = await runCli(
      ['subscribe', '--url', URL_A, '--event', 'person_*', '--json'],
      against(emu, state),
    );
    expect(again.code).toBe(0);
    const second = parseJson<{ token: string | null; created: Sub[]; existing: Sub[] }>(again);
    expect(second.created).toEqual([]);
    expect(second.existing.map((sub) => sub.id).sort()).toEqual(created.created.map((sub) => sub.id).sort());
    expect(second.token).toBe(`${created.token.slice(0, 4)}…${created.token.slice(-4)}`);
    expect(emu.store.list()).toHaveLength(3);
  });

  it('human mode: a table of what was created, the generated token once on stderr', async () => {
    const emu = await emulator();
    const result = await runCli(
      ['subscribe', '--url', URL_A, '--event', 'task_completed,note_created'],
      against(emu),
    );
    expect(result.code).toBe(0);
    const token = emu.store.list()[0]?.callback_token ?? '';
    expect(result.stdout).toContain(`Created 2 subscriptions for ${URL_A}`);
    expect(result.stdout).toMatch(
      /\d+ +note_created +yes +https:\/\/hooks\.example\.com\/a +[0-9a-f]{4}…[0-9a-f]{4}/,
    );
    expect(result.stdout).not.toContain(token);
    expect(result.stderr.split(token)).toHaveLength(2);
  });

  it('uses --token, --disabled, and --dry-run changes nothing', async () => {
    const emu = await emulator();
    const dry = await runCli(
      ['subscribe', '--url', URL_A, '--event', 'call_*', '--dry-run', '--json'],
      against(emu),
    );
    expect(dry.code).toBe(0);
    expect(parseJson(dry)).toEqual({
      plan: ['call_created', 'call_data_record_created', 'call_data_record_updated', 'call_updated'].map(
        (event_type) => ({
          event_type,
          callback_url: URL_A,
          action: 'create',
        }),
      ),
      team: { id: 4242, name: 'Emulated Team' },
    });
    expect(emu.store.list()).toEqual([]);

    const made = await runCli(
      [
        'subscribe',
        '--url',
        URL_A,
        '--event',
        'call_created',
        '--token',
        'my-own-token-123',
        '--disabled',
        '--json',
      ],
      against(emu),
    );
    expect(made.code).toBe(0);
    expect(parseJson<{ token: string }>(made).token).toBe('my-o…-123');
    expect(emu.store.list()).toEqual([
      expect.objectContaining({ callback_token: 'my-own-token-123', enabled: false }),
    ]);
  });

  it('a failure on the 3rd create of a 5-event batch leaves nothing of the batch and exits 4', async () => {
    const emu = await emulator();
    emu.store.create({ callback_url: URL_B, callback_token: 'keep', event_type: 'task_created' });
    emu.faults.add({ kind: 'status', status: 500, method: 'POST', skip: 2, count: 0 });
    for (const json of [false, true]) {
      const result = await runCli(
        [
          'subscribe',
          '--url',
          URL_A,
          '--event',
          'person_*,note_created,note_updated',
          ...(json ? ['--json'] : []),
        ],
        against(emu),
      );
      expect(result.code).toBe(4);
      expect(emu.store.list().map((sub) => sub.callback_url)).toEqual([URL_B]);
      const message = json ? parseJson<{ error: { message: string } }>(result).error.message : result.stderr;
      expect(message).toMatch(
        /Subscribing \w+ failed: Salesloft answered 500.*deleted the 2 subscriptions this run had created/,
      );
      emu.faults.clear();
      emu.faults.add({ kind: 'status', status: 500, method: 'POST', skip: 2, count: 0 });
    }
  });

  it('exits 5 naming what is left when the rollback fails too', async () => {
    const emu = await emulator();
    emu.faults.add({ kind: 'status', status: 400, method: 'POST', skip: 2, count: 0 });
    emu.faults.add({ kind: 'status', status: 500, method: 'DELETE', count: 0 });
    const result = await runCli(
      ['subscribe', '--url', URL_A, '--event', 'person_*,note_created,note_updated'],
      against(emu),
    );
    expect(result.code).toBe(5);
    const left = emu.store.list().map((sub) => sub.id);
    expect(left).toHaveLength(2);
    expect(result.stderr).toContain(`remain: ${left.join(' ')}`);
  });

  it('without --event and without a TTY exits 2 naming --event', async () => {
    const emu = await emulator();
    const result = await runCli(['subscribe', '--url', URL_A], against(emu));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/pass --event/);
    expect(emu.requests).toEqual([]);
  });

  it('a glob matching nothing exits 2; an unknown name is passed on with a warning', async () => {
    const emu = await emulator();
    const glob = await runCli(
      ['subscribe', '--url', URL_A, '--event', 'opportunity_*', '--json'],
      against(emu),
    );
    expect(glob.code).toBe(2);
    expect(parseJson<{ error: { code: string } }>(glob).error.code).toBe('pattern_matches_nothing');
    const unknown = await runCli(['subscribe', '--url', URL_A, '--event', 'person_merged'], against(emu));
    expect(unknown.stderr).toContain('Warning: person_merged is not in the catalog');
    // Salesloft (here the emulator) is the authority: it answers 422, nothing was created.
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain('event_type: is not included in the list');
    expect(emu.store.list()).toEqual([]);
  });

  it('a bad URL exits 2 before any request', async () => {
    const emu = await emulator();
    const result = await runCli(['subscribe', '--url', 'hooks.example.com', '--event', 'all'], against(emu));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--url "hooks.example.com" is not an http\(s\) URL/);
    expect(emu.requests).toEqual([]);
  });
});

describe('unsubscribe', () => {
  async function seeded() {
    const emu = await emulator();
    for (const event_type of ['person_created', 'person_updated', 'task_created']) {
      emu.store.create({ callback_url: URL_A, callback_token: 't', event_type });
    }
    emu.store.create({ callback_url: URL_B, callback_token: 't', event_type: 'person_created' });
    return emu;
  }

  it('by URL with --yes deletes exactly the matching ones', async () => {
    const emu = await seeded();
    const result = await runCli(
      ['unsubscribe', '--url', 'hooks.example.com', '--yes', '--json'],
      against(emu),
    );
    expect(result.code).toBe(0);
    expect(parseJson<{ deleted: Sub[] }>(result).deleted.map((sub) => sub.callback_url)).toEqual([
      URL_A,
      URL_A,
      URL_A,
    ]);
    expect(emu.store.list().map((sub) => sub.callback_url)).toEqual([URL_B]);
  });

  it('without --yes and without a TTY exits 2 and deletes nothing', async () => {
    const emu = await seeded();
    const result = await runCli(['unsubscribe', '--url', 'hooks.example.com'], against(emu));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/pass --yes/);
    expect(result.stderr).toContain('About to delete 3');
    expect(emu.store.list()).toHaveLength(4);
  });

  it('combines --url and --event; --dry-run deletes nothing', async () => {
    const emu = await seeded();
    const dry = await runCli(
      ['unsubscribe', '--url', 'example.com', '--event', 'person_*', '--dry-run', '--json'],
      against(emu),
    );
    expect(parseJson<{ plan: Sub[] }>(dry).plan.map((sub) => sub.id)).toHaveLength(3);
    expect(emu.store.list()).toHaveLength(4);
    const real = await runCli(
      ['unsubscribe', '--url', 'hooks.example', '--event', 'person_*', '--yes'],
      against(emu),
    );
    expect(real.code).toBe(0);
    expect(real.stdout.trim().split('\n')).toHaveLength(2);
    expect(
      emu.store
        .list()
        .map((sub) => sub.event_type)
        .sort(),
    ).toEqual(['person_created', 'task_created']);
  });

  it('reports ids that do not exist and still deletes the others (exit 5)', async () => {
    const emu = await seeded();
    const [first] = emu.store.list();
    const result = await runCli(['unsubscribe', String(first?.id), '99999', '--yes', '--json'], against(emu));
    expect(result.code).toBe(5);
    const body = parseJson<{ deleted: Sub[]; not_found: number[]; error: { code: string } }>(result);
    expect(body.deleted.map((sub) => sub.id)).toEqual([first?.id]);
    expect(body.not_found).toEqual([99999]);
    expect(body.error.code).toBe('partial');
    expect(emu.store.list()).toHaveLength(3);
  });

  it('needs a selector (exit 2)', async () => {
    const emu = await seeded();
    const result = await runCli(['unsubscribe', '--yes'], against(emu));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Say what to delete');
    expect(emu.store.list()).toHaveLength(4);
  });
});

describe('enable, disable and list', () => {
  it('disable then list shows enabled false, in the table and in --json', async () => {
    const emu = await emulator();
    const sub = emu.store.create({
      callback_url: URL_A,
      callback_token: 'abcdefgh12345678',
      event_type: 'task_updated',
    });
    const disabled = await runCli(['disable', String(sub.id), '--json'], against(emu));
    expect(disabled.code).toBe(0);
    expect(parseJson<{ updated: Sub[] }>(disabled).updated[0]?.enabled).toBe(false);

    const table = await runCli(['list'], against(emu));
    expect(table.stdout).toMatch(new RegExp(`^${sub.id} +task_updated +no +${URL_A} +abcd…5678$`, 'm'));
    const json = await runCli(['list', '--json'], against(emu));
    expect(parseJson(json)).toEqual([
      {
        id: sub.id,
        event_type: 'task_updated',
        callback_url: URL_A,
        enabled: false,
        tenant_id: sub.tenant_id,
        user_guid: sub.user_guid,
      },
    ]);

    const enabled = await runCli(['enable', String(sub.id)], against(emu));
    expect(enabled.stdout).toContain(`Enabled #${sub.id} task_updated`);
    expect(emu.store.get(sub.id)?.enabled).toBe(true);
  });

  it('list filters by event, state and URL; --show-tokens shows tokens', async () => {
    const emu = await emulator();
    emu.store.create({
      callback_url: URL_A,
      callback_token: 'token-aaaa-1111',
      event_type: 'person_updated',
    });
    const off = emu.store.create({
      callback_url: URL_B,
      callback_token: 'token-bbbb-2222',
      event_type: 'task_updated',
    });
    emu.store.setEnabled(off.id, false);
    const ids = async (...args: string[]) =>
      parseJson<Sub[]>(await runCli(['list', '--json', ...args], against(emu))).map((sub) => sub.event_type);
    expect(await ids('--event', 'person_*')).toEqual(['person_updated']);
    expect(await ids('--disabled')).toEqual(['task_updated']);
    expect(await ids('--enabled')).toEqual(['person_updated']);
    expect(await ids('--url', 'other.example')).toEqual(['task_updated']);
    const shown = await runCli(['list', '--show-tokens', '--json'], against(emu));
    expect(parseJson<Sub[]>(shown).map((sub) => sub.callback_token)).toEqual([
      'token-aaaa-1111',
      'token-bbbb-2222',
    ]);
    const table = await runCli(['list', '--show-tokens'], against(emu));
    expect(table.stdout).toContain('token-aaaa-1111');
    expect((await runCli(['list', '--enabled', '--disabled'], against(emu))).code).toBe(2);
  });

  it('enable of an id that does not exist exits 4', async () => {
    const emu = await emulator();
    const result = await runCli(['enable', '424242'], against(emu));
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('#424242: Not found in Salesloft (404)');
  });
});

describe('enable and disable by selector', () => {
  it('--url and --event select as unsubscribe does: shown, confirmed (--yes without a terminal), then done', async () => {
    const emu = await emulator();
    const a = emu.store.create({ callback_url: URL_A, callback_token: 't', event_type: 'person_created' });
    emu.store.create({ callback_url: URL_A, callback_token: 't', event_type: 'task_created' });
    emu.store.create({
      callback_url: URL_B,
      callback_token: 't',
      event_type: 'person_created',
    });
    const asked = await runCli(['disable', '--url', 'hooks.example.com'], against(emu));
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('pass --yes');
    expect(emu.store.list().every((sub) => sub.enabled)).toBe(true);
    const disabled = await runCli(
      ['disable', '--url', 'hooks.example.com', '--event', 'person_*', '--yes', '--json'],
      against(emu),
    );
    expect(disabled.code).toBe(0);
    expect(parseJson<{ updated: Sub[] }>(disabled).updated.map((sub) => sub.id)).toEqual([a.id]);
    expect(
      emu.store
        .list()
        .filter((sub) => !sub.enabled)
        .map((sub) => sub.id),
    ).toEqual([a.id]);
    const enabled = await runCli(['enable', '--event', 'person_created', '--yes'], against(emu));
    expect(enabled.code).toBe(0);
    expect(emu.store.list().every((sub) => sub.enabled)).toBe(true);
    const none = await runCli(['enable'], against(emu));
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('pass subscription ids, --url or --event');
  });
});
