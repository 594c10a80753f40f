import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import { BIN, cleanEnv, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { onTerminal } from '../support/pty.js';
import { until } from '../support/wait.js';

function env(emu: Emulator, stateDir: string) {
  return { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test', SALESLOFT_HOOKS_STATE_DIR: stateDir };
}

function journals(stateDir: string): string[] {
  const dir = join(stateDir, 'sessions');
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.json')) : [];
}

/** Fires `person_updated` every 50 ms until stopped. */
function fireEvery50ms(emu: Emulator): () => void {
  const timer = setInterval(() => emu.fire('person_updated'), 50);
  return () => clearInterval(timer);
}

describe('a dead stdout in the field never kills a session before cleanup', () => {
  it('a real terminal closed while deliveries print: the session cleans up and exits normally', async () => {
    const emu = await emulator();
    const stateDir = tempDir('slh-state-');
    const terminal = onTerminal(['listen', '--event', 'person_updated', '--no-inspect'], env(emu, stateDir));
    await until(() => terminal.screen().includes('Callback token:'));
    const stop = fireEvery50ms(emu);
    try {
      await until(() => (terminal.screen().match(/person_updated/g) ?? []).length >= 3);
      terminal.close();
      await until(() => emu.store.list().length === 0);
    } finally {
      stop();
    }
    await until(() => journals(stateDir).length === 0);
    // A normal exit, not a death by signal (SIGABRT or SIGSEGV in Node 20's final flush).
    expect(await terminal.ended()).toEqual({ code: 0, signal: null });
  });

  it('stdout on a full disk (> /dev/full): one note on stderr, deliveries answered, cleanup, exit 0', async () => {
    const emu = await emulator();
    const stateDir = tempDir('slh-state-');
    const full = openSync('/dev/full', 'w');
    const child = spawn(process.execPath, [BIN, 'listen', '--event', 'person_updated', '--no-inspect'], {
      env: cleanEnv(env(emu, stateDir)),
      cwd: tempDir(),
      stdio: ['ignore', full, 'pipe'],
    });
    closeSync(full);
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<[number | null, string | null]>((resolve) =>
      child.on('exit', (code, signal) => resolve([code, signal])),
    );
    await until(() => stderr.includes('Callback token:'));
    const stop = fireEvery50ms(emu);
    await until(() => emu.deliveries().length >= 5);
    stop();
    await emu.deliveriesSettled();
    expect(emu.deliveries().every((delivery) => delivery.attempts[0]?.status === 200)).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toEqual([0, null]);
    expect(emu.store.list()).toEqual([]);
    expect(journals(stateDir)).toEqual([]);
    const notes = stderr.split('\n').filter((line) => /standard output/i.test(line));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/ENOSPC/);
    expect(stderr).toMatch(/Deleted 1 subscription/);
  });
});
