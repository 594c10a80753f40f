import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';

/** Runs the CLI on a real pseudo-terminal (util-linux `script`); `keys` are typed once `when` shows. */
function onTerminal(
  args: string,
  env: Record<string, string>,
  when: RegExp,
  keys: string,
): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', `${process.execPath} ${BIN} ${args}`, '/dev/null'], {
      env: cleanEnv({ TERM: 'xterm-256color', SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-'), ...env }),
      cwd: tempDir(),
    });
    let screen = '';
    let typed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      if (!typed && when.test(screen)) {
        typed = true;
        child.stdin.write(keys);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
  });
}

describe('on a terminal', () => {
  it('Ctrl-C at a prompt prints Cancelled. and exits 130, with nothing created', async () => {
    const emu = await emulator();
    const env = { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test' };
    const picker = await onTerminal('subscribe --url http://127.0.0.1:9/x', env, /Which events\?/, '\u0003');
    expect(picker.code).toBe(130);
    expect(picker.screen).toContain('Cancelled.');
    expect(picker.screen).not.toMatch(/Error|force closed/);
    expect(emu.store.list()).toEqual([]);
  });

  it('with CI set, nothing waits for an answer even on a terminal: unsubscribe and the event picker exit 2 naming the flag', async () => {
    const emu = await emulator();
    emu.store.create({
      callback_url: 'https://hooks.example.com/x',
      callback_token: 't',
      event_type: 'note_created',
    });
    const env = { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test', CI: 'true' };
    const unsubscribe = await onTerminal('unsubscribe --url hooks.example.com', env, /never/, '');
    expect(unsubscribe.code).toBe(2);
    expect(unsubscribe.screen).toContain(
      'would ask, and CI is set: nothing waits for an answer there; pass --yes',
    );
    expect(unsubscribe.screen).not.toMatch(/\? Delete/);
    expect(emu.store.list()).toHaveLength(1);
    const picker = await onTerminal('subscribe --url http://127.0.0.1:9/x', env, /never/, '');
    expect(picker.code).toBe(2);
    expect(picker.screen).toContain('pass --event');
    expect(picker.screen).not.toContain('Which events?');
    // CI=false is not CI: the picker opens.
    const local = await onTerminal(
      'subscribe --url http://127.0.0.1:9/x',
      { ...env, CI: 'false' },
      /Which events\?/,
      '\u0003',
    );
    expect(local.code).toBe(130);
  });
});
