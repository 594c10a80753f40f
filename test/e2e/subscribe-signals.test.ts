import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import { parseJson, runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { startCli } from '../support/spawn.js';

const URL_A = 'https://hooks.example.com/a';

function env(emu: Emulator, stateDir: string) {
  return { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test', SALESLOFT_HOOKS_STATE_DIR: stateDir };
}

function journals(stateDir: string): string[] {
  const dir = join(stateDir, 'sessions');
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.json')) : [];
}

/** A 36-type subscribe (all: every type but link_swap) at 300 ms per request, stopped by `signal` after its first create. */
async function interrupted(signal: NodeJS.Signals) {
  const emu = await emulator();
  const stateDir = tempDir('slh-state-');
  const bystander = emu.store.create({
    callback_url: URL_A,
    callback_token: 'old',
    event_type: 'note_created',
  });
  emu.faults.latencyMs = 300;
  const cli = startCli(['subscribe', '--url', URL_A, '--event', 'all', '--yes'], env(emu, stateDir));
  await cli.waitFor(/\(1\/35\)/);
  cli.child.kill(signal);
  const code = await cli.exited;
  return { emu, stateDir, bystander, cli, code };
}

describe('subscribe is all or nothing under signals too', () => {
  it('Ctrl-C during a 36-type batch: no new create starts, those in flight are deleted, exit 130', async () => {
    const { emu, stateDir, bystander, cli, code } = await interrupted('SIGINT');
    expect(code).toBe(130);
    expect(emu.store.list()).toEqual([bystander]);
    expect(cli.stderr).toMatch(
      /SIGINT: stopped; deleted the \d+ subscriptions? this run had created, so nothing changed/,
    );
    // Stopped early: far fewer than 35 creates were started.
    expect(emu.requests.filter((request) => request.method === 'POST').length).toBeLessThan(20);
    expect(journals(stateDir)).toEqual([]);
  });

  it('SIGTERM (a cancelled CI job) rolls back the same way and exits 143', async () => {
    const { emu, bystander, code } = await interrupted('SIGTERM');
    expect(code).toBe(143);
    expect(emu.store.list()).toEqual([bystander]);
  });

  it('a kill -9 mid-batch leaves a journal, and prune deletes exactly that batch’s creates', async () => {
    const { emu, stateDir, bystander, code } = await interrupted('SIGKILL');
    expect(code).toBe(null);
    emu.faults.latencyMs = 0;
    expect(journals(stateDir)).toHaveLength(1);
    const other = emu.store.create({ callback_url: URL_A, callback_token: 'x', event_type: 'task_created' });
    expect(emu.store.list().length).toBeGreaterThan(2);
    const pruned = await runCli(['prune', '--yes', '--json'], { env: env(emu, stateDir) });
    expect(pruned.code).toBe(0);
    expect(parseJson<{ deleted: unknown[] }>(pruned).deleted.length).toBeGreaterThan(0);
    // The URL's earlier subscription and one made since with another token are not the batch's.
    expect(emu.store.list()).toEqual([bystander, other]);
    expect(journals(stateDir)).toEqual([]);
  });
});
