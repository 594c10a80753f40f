import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Sync from '../../../src/commands/sync.js';
import { tempDir } from '../../support/cli.js';
import { runCommand } from '../../support/command.js';
import { emulator } from '../../support/emulator.js';
import { apiEnv } from '../../support/in-process.js';

const FILE =
  'subscriptions:\n  - url: https://hooks.example.com/x\n    token: t\n    events: [person_updated, task_created]\n';

describe('sync (in process)', () => {
  it('--check returns the plan and exit 1 on drift; --yes applies it; a second check is clean', async () => {
    const emu = await emulator();
    const file = join(tempDir(), 'hooks.yaml');
    writeFileSync(file, FILE);
    const check = await runCommand(Sync, ['--file', file, '--check', '--json'], apiEnv(emu));
    expect(check.exitCode).toBe(1);
    expect(check.result).toEqual({
      plan: [
        {
          action: 'create',
          enabled: true,
          event_type: 'person_updated',
          callback_url: 'https://hooks.example.com/x',
        },
        {
          action: 'create',
          enabled: true,
          event_type: 'task_created',
          callback_url: 'https://hooks.example.com/x',
        },
      ],
      applied: false,
      // sync --check names the team it checks.
      team: { id: 4242, name: 'Emulated Team' },
    });
    const applied = await runCommand(Sync, ['--file', file, '--yes', '--json'], apiEnv(emu));
    expect([applied.exitCode, applied.result]).toEqual([0, expect.objectContaining({ applied: true })]);
    expect(emu.store.list()).toHaveLength(2);
    const clean = await runCommand(Sync, ['--file', file, '--check', '--json'], apiEnv(emu));
    expect([clean.exitCode, clean.result]).toEqual([
      0,
      { plan: [], applied: false, team: { id: 4242, name: 'Emulated Team' } },
    ]);
  });

  it('signs with the file’s tokens only: neither the state directory’s token nor SALESLOFT_CALLBACK_TOKEN', async () => {
    const emu = await emulator();
    const stateDir = tempDir('slh-state-');
    const file = join(tempDir(), 'hooks.yaml');
    writeFileSync(file, FILE);
    const env = {
      ...apiEnv(emu),
      SALESLOFT_HOOKS_STATE_DIR: stateDir,
      SALESLOFT_CALLBACK_TOKEN: 'env-token',
    };
    const applied = await runCommand(Sync, ['--file', file, '--yes', '--json'], env);
    expect(applied.exitCode).toBe(0);
    expect(emu.store.list().map((sub) => sub.callback_token)).toEqual(['t', 't']);
    // Nor does it make one: the state directory holds no token file after a sync.
    expect(existsSync(stateDir) ? readdirSync(stateDir) : []).not.toContain('callback-tokens.json');
  });

  it('--schema returns the schema; an invalid file is exit 2 with file:line', async () => {
    const schema = await runCommand(Sync, ['--schema', '--json']);
    expect(schema.result).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema' });
    const file = join(tempDir(), 'bad.yaml');
    writeFileSync(file, FILE.replace('task_created', 'task_craeted'));
    const emu = await emulator();
    const bad = await runCommand(Sync, ['--file', file, '--check'], apiEnv(emu));
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain(`${file}:4: Unknown event type "task_craeted": did you mean task_created?`);
  });
});
