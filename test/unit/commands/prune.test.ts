import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Prune from '../../../src/commands/prune.js';
import { tempDir } from '../../support/cli.js';
import { runCommand } from '../../support/command.js';
import { emulator } from '../../support/emulator.js';
import { apiEnv } from '../../support/in-process.js';

describe('prune (in process)', () => {
  it('deletes what a dead session’s journal names, and nothing else at any URL', async () => {
    const emu = await emulator();
    const stateDir = tempDir('slh-state-');
    const id = '0123456789ab';
    const url = `https://abc.ngrok.app/salesloft-hooks/${id}`;
    const left = emu.store.create({ callback_url: url, callback_token: 't', event_type: 'note_created' });
    const other = emu.store.create({
      callback_url: 'https://hooks.example.com/prod',
      callback_token: 't',
      event_type: 'note_created',
    });
    // A session that died: its journal names a process that has exited, on this host.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    mkdirSync(join(stateDir, 'sessions'), { recursive: true });
    writeFileSync(
      join(stateDir, 'sessions', `${id}.json`),
      JSON.stringify({
        v: 1,
        session_id: id,
        pid: gone,
        hostname: hostname(),
        started_at: new Date().toISOString(),
        api_url: emu.url,
        callback_url: url,
        subscription_ids: [left.id],
      }),
    );
    const run = await runCommand(Prune, ['--yes', '--json'], {
      ...apiEnv(emu),
      SALESLOFT_HOOKS_STATE_DIR: stateDir,
    });
    expect(run.exitCode).toBe(0);
    expect(run.result?.deleted.map((sub) => sub.id)).toEqual([left.id]);
    expect(emu.store.list().map((sub) => sub.id)).toEqual([other.id]);
  });

  it('with no journal there is nothing to prune (exit 0)', async () => {
    const emu = await emulator();
    const run = await runCommand(Prune, ['--yes', '--json'], apiEnv(emu));
    expect(run).toMatchObject({ exitCode: 0, result: { deleted: [] } });
  });
});
