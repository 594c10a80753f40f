import { Chalk, type ChalkInstance } from 'chalk';
import { type Environment, inCi } from '../shared/config.js';
import { colorEnabled } from './color.js';

export { colorEnabled };

import { signalExitCode, UsageError } from '../shared/errors.js';
import { readInputFile } from '../shared/input-file.js';

/** A chalk instance for one output stream. */
export function paletteFor(stream: { isTTY?: boolean }, env: Environment = process.env): ChalkInstance {
  return new Chalk({ level: colorEnabled(env, stream.isTTY) ? 1 : 0 });
}

/** Whether a question may be asked: a terminal on stdin, and not CI (which never waits for an answer). */
export function canPrompt(
  stdin: { isTTY?: boolean } = process.stdin,
  env: Environment = process.env,
): boolean {
  return stdin.isTTY === true && !inCi(env);
}

/**
 * Guard for anything that would prompt: without a terminal on stdin, or in CI (even on a
 * terminal), it fails with exit 2 and names the flag that answers the question instead.
 */
export function requireInteractive(
  question: string,
  flag: string,
  stdin: { isTTY?: boolean } = process.stdin,
  env: Environment = process.env,
): void {
  if (stdin.isTTY !== true) {
    throw new UsageError(`${question} needs a terminal to ask; pass ${flag} instead.`, 'prompt_needs_tty');
  }
  if (inCi(env)) {
    throw new UsageError(
      `${question} would ask, and CI is set: nothing waits for an answer there; pass ${flag}.`,
      'prompt_needs_tty',
    );
  }
}

export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface StopSignals {
  /** Resolves with the first stop signal. */
  first: Promise<StopSignal>;
  /** Stops listening (the default signal behaviour returns). */
  dispose(): void;
}

/**
 * The one rule for stop signals, for the whole life of a command: the first SIGINT, SIGTERM or
 * SIGHUP resolves `first` (the command cleans up); a later SIGINT or SIGTERM (a deliberate second
 * Ctrl-C or kill) exits at once with 130 or 143, after the line `lastWords` gives (what is left
 * behind). A later SIGHUP is ignored: a window closed because cleanup looks slow must not cut the
 * cleanup short. One handler stays installed throughout, so a second signal never meets the
 * default action. Repeats within `debounceMs` are one Ctrl-C delivered twice (by the terminal and
 * by npm, which forwards the signals it gets to the script it runs) and are ignored.
 */
export function handleStopSignals(
  lastWords: (signal: StopSignal) => string | undefined = () => undefined,
  debounceMs = 500,
): StopSignals {
  const again = (signal: StopSignal) => {
    const line = lastWords(signal);
    if (line !== undefined) process.stderr.write(`${line}\n`);
    process.exit(signalExitCode(signal));
  };
  let firstAt: number | undefined;
  let resolveFirst: (signal: StopSignal) => void = () => {};
  const first = new Promise<StopSignal>((resolve) => {
    resolveFirst = resolve;
  });
  const handler = (signal: StopSignal) => {
    if (firstAt === undefined) {
      firstAt = Date.now();
      resolveFirst(signal);
    } else if (signal !== 'SIGHUP' && Date.now() - firstAt >= debounceMs) {
      again(signal);
    }
  };
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
  return {
    first,
    dispose: () => {
      for (const signal of STOP_SIGNALS) process.off(signal, handler);
    },
  };
}

/**
 * The raw bytes of FILE, or of standard input when no file is named. Standard input is touched
 * only then: creating process.stdin loads Node's stream modules (4 ms of `verify`'s start).
 */
export async function readBody(file: string | undefined, input?: NodeJS.ReadStream): Promise<Buffer> {
  if (file !== undefined) {
    return readInputFile(file, '--body-file');
  }
  const stdin = input ?? process.stdin;
  if (stdin.isTTY) {
    throw new UsageError(
      'No body: pass --body-file FILE or pipe the body on standard input.',
      'missing_body',
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
