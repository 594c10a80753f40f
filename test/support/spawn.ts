import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { afterEveryTest } from './after-test.js';
import { BIN, cleanEnv, tempDir } from './cli.js';

const children: ChildProcessWithoutNullStreams[] = [];
afterEveryTest(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** A long-running `bin/run.js` process whose output can be awaited line by line. */
export class RunningCli {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  }

  /** Waits until `pattern` appears in the stream; returns the match. */
  async waitFor(
    pattern: RegExp,
    stream: 'stdout' | 'stderr' = 'stderr',
    timeoutMs = 15_000,
  ): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this[stream].match(pattern);
      if (match) return match;
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`never saw ${pattern} on ${stream}; stdout=${this.stdout} stderr=${this.stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

export function startCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  cwd = tempDir(),
): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: cleanEnv({ SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-'), ...env }),
  });
  children.push(child);
  return new RunningCli(child);
}
