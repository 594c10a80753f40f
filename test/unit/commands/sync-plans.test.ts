import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../../packages/webhooks/src/emulator/emulator.js';
import { parseJson } from '../../support/cli.js';
import { emulator } from '../../support/emulator.js';
import { runInProcess as runCli } from '../../support/in-process.js';
import { fileWith, pairs } from '../../support/sync.js';

const HOOK = 'https://hooks.example.com/salesloft';
const TASKS = 'https://hooks.example.com/tasks';
const OTHER = 'https://someone-else.example.com/in';

function sync(emu: Emulator, file: string, args: string[], extraEnv: Record<string, string> = {}) {
  return runCli(['sync', '--file', file, ...args], {
    env: {
      SALESLOFT_API_URL: emu.url,
      SALESLOFT_API_KEY: 'k',
      SALESLOFT_CALLBACK_TOKEN: 'token-one',
      ...extraEnv,
    },
  });
}

const BASE = `subscriptions:
  - url: ${HOOK}
    token_env: SALESLOFT_CALLBACK_TOKEN
    events: [person_*, cadence_membership_created]
  - url: ${TASKS}
    token: literal-token
    events: [task_completed]
    enabled: false
`;

interface Step {
  action: string;
  event_type: string;
  callback_url: string;
  id?: number;
}

describe('sync', () => {
  it('a first sync creates what the file declares; a second is a no-op and --check exits 0', async () => {
    const emu = await emulator();
    const { file } = fileWith(BASE);
    const first = await sync(emu, file, ['--yes', '--json']);
    expect(first.code).toBe(0);
    const result = parseJson<{ plan: Step[]; applied: boolean }>(first);
    expect(result.applied).toBe(true);
    expect(result.plan.map((step) => `${step.action} ${step.event_type}`).sort()).toEqual([
      'create cadence_membership_created',
      'create person_created',
      'create person_deleted',
      'create person_updated',
      'create task_completed',
    ]);
    expect(pairs(emu)).toEqual([
      `${HOOK} cadence_membership_created token-one on`,
      `${HOOK} person_created token-one on`,
      `${HOOK} person_deleted token-one on`,
      `${HOOK} person_updated token-one on`,
      `${TASKS} task_completed literal-token off`,
    ]);

    const again = await sync(emu, file, ['--yes']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("No changes: the team's subscriptions match");
    const check = await sync(emu, file, ['--check', '--json']);
    expect(check.code).toBe(0);
    expect(parseJson(check)).toEqual({ plan: [], applied: false, team: { id: 4242, name: 'Emulated Team' } });
  });

  it('changed events, enabled flag and token give the right plan; --check exits 1 and applies nothing', async () => {
    const emu = await emulator();
    const { file } = fileWith(BASE);
    await sync(emu, file, ['--yes']);
    const before = pairs(emu);
    const changed = fileWith(`subscriptions:
  - url: ${HOOK}
    token_env: SALESLOFT_CALLBACK_TOKEN
    events: [person_created, person_updated, cadence_membership_created, note_created]
  - url: ${TASKS}
    token: literal-token
    events: [task_completed]
`);
    const check = await sync(emu, changed.file, ['--check'], { SALESLOFT_CALLBACK_TOKEN: 'token-two' });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/\+\s+create\s+note_created -> https:\/\/hooks\.example\.com\/salesloft/);
    expect(check.stdout).toMatch(/~ enable\s+#\d+ task_completed/);
    expect(check.stdout).toMatch(/-\/\+ recreate\s+#\d+ person_created .*\(token changed\)/);
    expect(check.stdout).toContain('Plan: 1 to create, 1 to change, 3 to recreate, 0 to delete.');
    expect(pairs(emu)).toEqual(before);

    const applied = await sync(emu, changed.file, ['--yes'], { SALESLOFT_CALLBACK_TOKEN: 'token-two' });
    expect(applied.code).toBe(0);
    expect(pairs(emu)).toEqual([
      `${HOOK} cadence_membership_created token-two on`,
      `${HOOK} note_created token-two on`,
      `${HOOK} person_created token-two on`,
      // person_deleted is no longer declared, but without --prune it stays.
      `${HOOK} person_deleted token-one on`,
      `${HOOK} person_updated token-two on`,
      `${TASKS} task_completed literal-token on`,
    ]);
  });

  it('--prune deletes undeclared subscriptions of managed URLs and leaves other URLs alone; --prune=all does not', async () => {
    const emu = await emulator();
    emu.store.create({ callback_url: HOOK, callback_token: 'token-one', event_type: 'account_created' });
    emu.store.create({ callback_url: OTHER, callback_token: 'x', event_type: 'account_created' });
    const { file } = fileWith(BASE);
    const pruned = await sync(emu, file, ['--prune', '--yes', '--json']);
    expect(pruned.code).toBe(0);
    const deletes = parseJson<{ plan: (Step & { reason: string })[] }>(pruned).plan.filter(
      (step) => step.action === 'delete',
    );
    expect(deletes).toEqual([
      expect.objectContaining({ event_type: 'account_created', callback_url: HOOK, reason: 'undeclared' }),
    ]);
    expect(emu.store.list().some((sub) => sub.callback_url === OTHER)).toBe(true);
    expect(
      emu.store.list().some((sub) => sub.callback_url === HOOK && sub.event_type === 'account_created'),
    ).toBe(false);

    const all = await sync(emu, file, ['--prune=all', '--yes']);
    expect(all.code).toBe(0);
    expect(emu.store.list().some((sub) => sub.callback_url === OTHER)).toBe(false);
  });

  it('a fault mid-apply exits 5 saying what was done; a re-run converges with no duplicate', async () => {
    const emu = await emulator();
    const { file } = fileWith(BASE);
    emu.faults.add({ kind: 'status', status: 400, method: 'POST', skip: 2, count: 0 });
    const failed = await sync(emu, file, ['--yes', '--json']);
    expect(failed.code).toBe(5);
    const body = parseJson<{ applied: boolean; error: { code: string; message: string } }>(failed);
    expect(body.error.code).toBe('partial');
    expect(body.error.message).toMatch(/failed .*; 2 of 5 applied, 3 not\. Run sync again to converge\./);
    expect(emu.store.list()).toHaveLength(2);

    emu.faults.clear();
    emu.faults.add({ kind: 'uncertain_create', reset: true });
    const rerun = await sync(emu, file, ['--yes']);
    expect(rerun.code).toBe(0);
    expect(pairs(emu)).toHaveLength(5);
    expect(new Set(pairs(emu)).size).toBe(5);
    expect((await sync(emu, file, ['--check'])).code).toBe(0);
  });

  it('a recreate interrupted after its create converges: the old-token duplicate is deleted', async () => {
    const emu = await emulator();
    emu.store.create({ callback_url: HOOK, callback_token: 'token-one', event_type: 'person_updated' });
    emu.store.create({ callback_url: HOOK, callback_token: 'old-token', event_type: 'person_updated' });
    const { file } = fileWith(
      `subscriptions:\n  - url: ${HOOK}\n    token_env: SALESLOFT_CALLBACK_TOKEN\n    events: [person_updated]\n`,
    );
    const result = await sync(emu, file, ['--yes']);
    expect(result.stdout).toMatch(/- delete\s+#\d+ person_updated .*\(duplicate\)/);
    expect(pairs(emu)).toEqual([`${HOOK} person_updated token-one on`]);
  });

  it('without --yes and without a TTY prints the plan and exits 2; --dry-run applies nothing', async () => {
    const emu = await emulator();
    const { file } = fileWith(BASE);
    const noTty = await sync(emu, file, []);
    expect(noTty.code).toBe(2);
    expect(noTty.stdout).toContain('Plan: 5 to create');
    expect(noTty.stderr).toMatch(/pass --yes/);
    const dry = await sync(emu, file, ['--dry-run']);
    expect(dry.code).toBe(0);
    expect(emu.store.list()).toEqual([]);
  });

  it.each([
    [
      'an unknown key',
      `subscriptions:\n  - url: ${HOOK}\n    token: t\n    events: [person_created]\n    colour: blue\n`,
      5,
      /unknown key "colour"/,
    ],
    [
      'a bad URL',
      `subscriptions:\n  - url: not a url\n    token: t\n    events: [person_created]\n`,
      2,
      /"not a url" is not an http\(s\) URL/,
    ],
    [
      'a pattern matching nothing',
      `subscriptions:\n  - url: ${HOOK}\n    token: t\n    events: [opportunity_*]\n`,
      4,
      /matches no event type/,
    ],
    [
      'an unset token_env',
      `subscriptions:\n  - url: ${HOOK}\n    token_env: NOT_SET_ANYWHERE\n    events: [person_created]\n`,
      3,
      /NOT_SET_ANYWHERE is not set/,
    ],
    ['a top-level typo', `subscription:\n  - url: ${HOOK}\n`, 1, /unknown key "subscription"/],
    ['broken YAML', `subscriptions:\n  - url: [${HOOK}\n`, 3, /must be sufficiently indented/],
  ])(
    'an invalid file (%s) exits 2 with the line number and applies nothing',
    async (_label, yaml, line, message) => {
      const emu = await emulator();
      const { file } = fileWith(yaml);
      const result = await sync(emu, file, ['--yes']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`hooks\\.yaml:${line}: `));
      expect(result.stderr).toMatch(message);
      expect(emu.requests).toEqual([]);
    },
  );

  it('the example file in examples/ is valid', async () => {
    const emu = await emulator();
    const result = await sync(emu, join(process.cwd(), 'examples', 'salesloft-hooks.yaml'), [
      '--dry-run',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(parseJson<{ plan: Step[] }>(result).plan).toHaveLength(5);
  });
});

describe('what a sync plan says besides the plan', () => {
  it('two tokens for one URL, undeclared subscriptions at a managed URL, and a disabled one that a recreate enables', async () => {
    const emu = await emulator();
    const undeclared = emu.store.create({
      callback_url: HOOK,
      callback_token: 'x',
      event_type: 'note_created',
    });
    const disabled = emu.store.create({
      callback_url: TASKS,
      callback_token: 'old-token',
      event_type: 'task_created',
    });
    emu.store.setEnabled(disabled.id, false);
    const { file } = fileWith(`subscriptions:
  - url: ${HOOK}
    token: token-one
    events: [person_created]
  - url: ${HOOK}
    token: token-two
    events: [person_updated]
  - url: ${TASKS}
    token: new-token
    events: [task_created]
`);
    const result = await sync(emu, file, ['--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `${HOOK} is given 2 different tokens (${file}:2 and ${file}:5): its handler must accept each of them.`,
    );
    expect(result.stderr).toContain(
      `1 subscription at URLs this file manages is not declared (#${undeclared.id} note_created): kept; --prune deletes it.`,
    );
    expect(result.stderr).toContain(
      `#${disabled.id} task_created is disabled in Salesloft; recreated with the new token, it comes back enabled`,
    );
  });
});
