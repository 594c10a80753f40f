import { format } from 'node:util';
import { Config } from '@oclif/core/config';
import { vi } from 'vitest';
import { REAL_CLOCK } from '../../src/salesloft/client.js';
import { afterEveryTest } from './after-test.js';
import { ROOT, tempDir } from './cli.js';

let config: Config | undefined;

/** A command class as oclif runs it: `Class.run(argv, config)`. */
type CommandClass = (new (
  argv: string[],
  config: Config,
) => { run(): Promise<unknown> }) & {
  run(argv: string[], config: Config): Promise<unknown>;
};
/** What the command's `run` returns: its typed result, the `--json` document. */
type ResultOf<C extends CommandClass> = Awaited<ReturnType<InstanceType<C>['run']>>;

export interface InProcessRun<R> {
  /** What `run()` returned: the typed result (the `--json` document). */
  result: R | undefined;
  stdout: string;
  stderr: string;
  exitCode: number;
}

const saved: [string, string | undefined][] = [];
afterEveryTest(() => {
  for (const [name, value] of saved.splice(0).reverse()) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  process.exitCode = undefined;
});

/** A command running in this process: its output so far, and its outcome once it ends. */
export interface StartedCommand<R> {
  stdout(): string;
  stderr(): string;
  done: Promise<InProcessRun<R>>;
}

/**
 * Runs a command in this process, as plugin-org's tests do: its output captured, the environment
 * of a user who configured nothing but `env` (a state folder of the test's own), and its exit
 * code read from process.exitCode (which BaseCommand.catch sets) and reset afterwards.
 */
export async function runCommand<C extends CommandClass>(
  command: C,
  argv: string[],
  env: Record<string, string | undefined> = {},
): Promise<InProcessRun<ResultOf<C>>> {
  return (await startCommand(command, argv, env)).done;
}

/** `runCommand` for a command that runs until stopped (`emulator`, `inspect`): its output as it comes. */
export async function startCommand<C extends CommandClass>(
  command: C,
  argv: string[],
  env: Record<string, string | undefined> = {},
): Promise<StartedCommand<ResultOf<C>>> {
  config ??= await Config.load(ROOT);
  const environment = {
    SALESLOFT_API_KEY: undefined,
    SALESLOFT_API_URL: undefined,
    SALESLOFT_CALLBACK_TOKEN: undefined,
    SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-'),
    SALESLOFT_HOOKS_CACHE_DIR: tempDir('slh-cache-'),
    NO_COLOR: '1',
    ...env,
  };
  for (const [name, value] of Object.entries(environment)) {
    saved.push([name, process.env[name]]);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  });
  // oclif's this.log is console.log (which vitest takes over); the rest writes to the streams.
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    stdout += `${format(...args)}\n`;
  });
  const warn = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    stderr += `${format(...args)}\n`;
  });
  // The API client's back-off and rate-limit waits return at once (its deadlines keep real time),
  // as the client's own tests do with a TestClock: no command test waits out a retry.
  const waits = vi.spyOn(REAL_CLOCK, 'sleep').mockImplementation(async (_ms, signal) => {
    if (signal.aborted) throw signal.reason;
  });
  process.exitCode = undefined;
  const done = command
    .run(argv, config as Config)
    .then((result) => ({
      result: result as ResultOf<C>,
      stdout,
      stderr,
      exitCode: Number(process.exitCode ?? 0),
    }))
    .finally(() => {
      for (const spy of [out, err, log, warn, waits]) spy.mockRestore();
      process.exitCode = undefined;
    });
  return { stdout: () => stdout, stderr: () => stderr, done };
}
