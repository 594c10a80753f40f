import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import { BIN, cleanEnv, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { startCli } from '../support/spawn.js';
import { until } from '../support/wait.js';

function env(emu: Emulator, stateDir: string) {
  return { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test', SALESLOFT_HOOKS_STATE_DIR: stateDir };
}

function journals(stateDir: string): string[] {
  const dir = join(stateDir, 'sessions');
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.json')) : [];
}

describe('a dead stdout or stderr never stops cleanup', () => {
  it('with both pipes’ readers gone (| tee after Ctrl-C), deliveries are still answered and cleanup runs', async () => {
    const emu = await emulator();
    const stateDir = tempDir('slh-state-');
    const cli = startCli(['listen', '--event', 'person_updated,task_created'], env(emu, stateDir));
    const [, callbackUrl] = await cli.waitFor(/Ready: (\S+) /);
    cli.child.stdout.destroy();
    cli.child.stderr.destroy();
    // A stray request makes a `rejected ...` stderr line; a delivery makes a stdout line.
    const stray = await fetch(new URL('/elsewhere', callbackUrl), { method: 'POST', body: '{}' });
    expect(stray.status).toBe(404);
    emu.fire('person_updated');
    await emu.deliveriesSettled();
    expect(emu.deliveries()[0]?.attempts.map((attempt) => attempt.status)).toEqual([200]);
    cli.child.kill('SIGINT');
    expect(await new Promise((resolve) => cli.child.on('exit', resolve))).toBe(0);
    expect(emu.store.list()).toEqual([]);
    expect(journals(stateDir)).toEqual([]);
  });

  it('a closed terminal (SIGHUP, then EIO on every write) still deletes the subscriptions', async () => {
    const emu = await emulator();
    const stateDir = tempDir('slh-state-');
    const terminal = spawn(
      'script',
      ['-qec', `${process.execPath} ${BIN} listen --event note_created`, '/dev/null'],
      {
        env: cleanEnv({ TERM: 'xterm-256color', ...env(emu, stateDir) }),
        cwd: tempDir(),
      },
    );
    let screen = '';
    terminal.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
    });
    await until(() => screen.includes('Ready:'));
    expect(emu.store.list()).toHaveLength(1);
    terminal.kill('SIGKILL');
    await until(() => emu.store.list().length === 0);
    await until(() => journals(stateDir).length === 0);
  });
});
