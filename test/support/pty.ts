import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEveryTest } from './after-test.js';
import { BIN, cleanEnv, tempDir } from './cli.js';
import { until } from './wait.js';

const terminals: { kill(signal: NodeJS.Signals): boolean; exitCode: number | null }[] = [];
afterEveryTest(() => {
  for (const terminal of terminals.splice(0)) if (terminal.exitCode === null) terminal.kill('SIGKILL');
});

/**
 * `bin/run.js ARGS` on a real pseudo-terminal (util-linux `script`). A small parent process in
 * the terminal, the session leader, passes the hang-up on as a shell does and writes how the CLI
 * ended to a file, so a test can tell a clean exit from a death by signal after the terminal is gone.
 */
export function onTerminal(args: string[], env: Record<string, string | undefined>) {
  const dir = tempDir('slh-pty-');
  const exitFile = join(dir, 'exit.json');
  const parent = join(dir, 'parent.cjs');
  writeFileSync(
    parent,
    `const child = require('node:child_process').spawn(process.execPath, ${JSON.stringify([BIN, ...args])}, { stdio: 'inherit' });
process.on('SIGHUP', () => child.kill('SIGHUP'));
child.on('exit', (code, signal) => require('node:fs').writeFileSync(${JSON.stringify(exitFile)}, JSON.stringify({ code, signal })));`,
  );
  const terminal = spawn('script', ['-qec', `${process.execPath} ${parent}`, '/dev/null'], {
    env: cleanEnv({ TERM: 'xterm-256color', ...env }),
    cwd: tempDir(),
  });
  terminals.push(terminal);
  let screen = '';
  terminal.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    screen += chunk;
  });
  return {
    screen: () => screen,
    type: (text: string) => terminal.stdin.write(text),
    /** Closes the terminal as a window manager would: the CLI gets SIGHUP, then EIO on every write. */
    close: () => terminal.kill('SIGKILL'),
    /** How the CLI ended: its exit code, or the signal that killed it. */
    ended: async (timeoutMs = 20_000): Promise<{ code: number | null; signal: string | null }> => {
      // The file exists a moment before its text is written: wait for the whole line.
      const written = () => (existsSync(exitFile) ? readFileSync(exitFile, 'utf8') : '');
      await until(() => written().endsWith('}'), timeoutMs);
      return JSON.parse(written()) as { code: number | null; signal: string | null };
    },
  };
}
