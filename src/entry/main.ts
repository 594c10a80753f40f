import { execute } from '@oclif/core/execute';
import type { Hook } from '@oclif/core/interfaces';
import { settings } from '@oclif/core/settings';
import { editDistance } from '../catalog/typos.js';
import { hideSecrets } from '../cli/argv-secrets.js';
import { setUndiciLoader, type Undici } from '../net/undici.js';
import { exitRequested, flushAndExit } from '../shared/exit-when-done.js';

/** The bundle dist/cli.cjs: package.json's `oclif` section points its commands and hook here. */
export { COMMANDS } from './commands.js';

/**
 * A command that is not one: on a terminal, @oclif/plugin-not-found asks whether to run the nearest
 * (loaded only then); anywhere else (a script's log, a CI job) the suggestion is said, not asked.
 */
export const notFound: Hook.CommandNotFound = async function (options) {
  if (process.stdin.isTTY) {
    const { default: hook } = await import('@oclif/plugin-not-found');
    return hook.call(this, options);
  }
  const ids = options.config.commands.filter((command) => !command.hidden).map((command) => command.id);
  const typed = options.id.replaceAll(':', ' ');
  this.warn(`${typed} is not a ${options.config.bin} command.`);
  const [nearest] = [...ids].sort((a, b) => editDistance(options.id, a) - editDistance(options.id, b));
  if (nearest) this.warn(`Did you mean ${nearest.replaceAll(':', ' ')}?`);
  this.error(`Run ${options.config.bin} help for a list of available commands.`, { exit: 127 });
};

/**
 * Runs oclif on process.argv. `root` is the package's folder; `undici` loads the HTTP client;
 * `dev` runs the TypeScript sources (bin/dev.mjs) instead of the bundle's command list.
 */
export interface RunOptions {
  undici?: () => Undici;
  dev?: boolean;
  /** Given for help (help-cache.ts): receives what oclif printed, when it printed it without an error. */
  keepHelp?: (text: string) => void;
}

export async function run(root: string, options: RunOptions = {}): Promise<void> {
  if (options.undici) setUndiciLoader(options.undici);
  const args = hideSecrets(process.argv.slice(2));
  // oclif logs process.argv itself under DEBUG: keep the key and tokens out of it too.
  process.argv.splice(2, Number.POSITIVE_INFINITY, ...args);
  if (options.dev) {
    const { devLoadOptions } = await import('./dev-options.js');
    await execute({ args, development: true, loadOptions: devLoadOptions(root) });
  } else {
    // The bundle never runs TypeScript sources. Without this, under NODE_ENV=development or test
    // oclif looks for them, and an installed package warns that it cannot find typescript.
    settings.enableAutoTranspile = false;
    if (options.keepHelp) await printAndKeep(() => execute({ args, dir: root }), options.keepHelp);
    else await execute({ args, dir: root });
  }
  if (exitRequested()) await flushAndExit();
}

/** Runs `print` and hands what it wrote to stdout to `keep`, when it ended without an error. */
async function printAndKeep(print: () => Promise<unknown>, keep: (text: string) => void): Promise<void> {
  const chunks: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof process.stdout.write;
  try {
    await print();
  } finally {
    process.stdout.write = write;
  }
  if (!process.exitCode) keep(chunks.join(''));
}
