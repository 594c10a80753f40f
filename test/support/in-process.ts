import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import Disable from '../../src/commands/disable.js';
import Doctor from '../../src/commands/doctor.js';
import Enable from '../../src/commands/enable.js';
import Events from '../../src/commands/events.js';
import List from '../../src/commands/list.js';
import Listen from '../../src/commands/listen.js';
import Prune from '../../src/commands/prune.js';
import Replay from '../../src/commands/replay.js';
import Subscribe from '../../src/commands/subscribe.js';
import Sync from '../../src/commands/sync.js';
import Trigger from '../../src/commands/trigger.js';
import Unsubscribe from '../../src/commands/unsubscribe.js';
import Verify from '../../src/commands/verify.js';
import Version from '../../src/commands/version.js';
import { runCommand } from './command.js';

/** The environment of a user whose API key and URL point at the in-process emulator. */
export function apiEnv(emu: Emulator): Record<string, string> {
  return { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test' };
}

/** Waits until `read()` holds `pattern` (output of a command running in this process). */
export async function untilOutput(
  read: () => string,
  pattern: RegExp,
  timeoutMs = 10_000,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = read().match(pattern);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`never saw ${pattern} in: ${read()}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const COMMANDS = {
  disable: Disable,
  doctor: Doctor,
  enable: Enable,
  events: Events,
  list: List,
  listen: Listen,
  prune: Prune,
  replay: Replay,
  subscribe: Subscribe,
  sync: Sync,
  trigger: Trigger,
  unsubscribe: Unsubscribe,
  verify: Verify,
  version: Version,
};

/**
 * `runCli` without a process: the command named by `args[0]` runs here, and the answer has the
 * same shape (`code`, `stdout`, `stderr`), so a test reads the same either way.
 */
export async function runInProcess(
  args: string[],
  options: { env?: Record<string, string | undefined> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const [name = '', ...rest] = args;
  const command = COMMANDS[name as keyof typeof COMMANDS];
  if (!command) throw new Error(`runInProcess: no command "${name}"`);
  const run = await runCommand(command, rest, options.env);
  return { code: run.exitCode, stdout: run.stdout, stderr: run.stderr };
}
