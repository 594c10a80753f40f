import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { configDirectory } from '../shared/config.js';
import { fnv1a } from '../shared/fnv.js';
import { readOwnFile, writeOwnFile } from '../shared/own-files.js';
import { pruneCaches, untrustedFolder } from './code-cache.js';
import { COMMAND_IDS } from './command-ids.js';

/**
 * Help (`salesloft-hooks`, `--help`, `-h`, `help`, and `COMMAND --help`, `COMMAND -h`, `help COMMAND`)
 * as oclif rendered it the last time in the same setting, so the launcher can print it without
 * loading oclif. oclif's text depends on the build, the Node that runs it (the VERSION line), the
 * terminal (width, colour) and the environment (OCLIF_COLUMNS, colour variables, where a user theme
 * lives): every one of those is in the file's name, the environment as a hash of all its variables
 * but those a shell changes between two commands. A user theme (theme.json) is read by oclif
 * only: with one, no fast path.
 */

/** Which help the arguments ask for: `root`, a command's id, or undefined for anything else. */
export function helpTopic(args: readonly string[]): string | undefined {
  const [first, second, ...rest] = args;
  if (first === undefined) return 'root';
  if (rest.length > 0) return undefined;
  const isCommand = (id: string | undefined) => (COMMAND_IDS as readonly string[]).includes(id as string);
  if (second === undefined) return ['--help', '-h', 'help'].includes(first) ? 'root' : undefined;
  if (first === 'help') return isCommand(second) ? second : undefined;
  return isCommand(first) && (second === '--help' || second === '-h') ? first : undefined;
}

/** What a shell changes from one command to the next, which oclif's help does not read. */
const VOLATILE = new Set(['PWD', 'OLDPWD', '_', 'SHLVL']);

export interface HelpCache {
  /** The text saved for this setting, if any. */
  read(): string | undefined;
  /** Saves what oclif printed; a folder that cannot be written only costs speed. */
  save(text: string): void;
}

/** Undefined when the setting cannot be cached (a theme, debugging output, a folder not ours). */
export function helpCache(root: string, cacheDir: string, topic: string): HelpCache | undefined {
  const env = process.env;
  if (env.DEBUG || env.SALESLOFT_HOOKS_DEBUG) return undefined;
  if (themeFiles().some((file) => existsSync(file))) return undefined;
  const dir = join(cacheDir, 'code');
  if (untrustedFolder(dir)) return undefined;
  let bundle: { size: number; mtimeMs: number };
  try {
    bundle = statSync(join(root, 'dist', 'cli.cjs'));
  } catch {
    return undefined;
  }
  const stdout = process.stdout;
  const terminal = stdout.isTTY ? `tty${stdout.columns}` : 'pipe';
  const setting = [
    root,
    bundle.size,
    bundle.mtimeMs,
    terminal,
    ...Object.keys(env)
      .filter((name) => !VOLATILE.has(name))
      .sort()
      .map((name) => `${name}=${env[name]}`),
  ].join('\0');
  const file = join(dir, `help-${topic}-${fnv1a(setting)}-${process.version}-${process.arch}.txt`);
  return {
    read() {
      try {
        return readOwnFile(file)?.toString('utf8');
      } catch {
        return undefined;
      }
    },
    save(text) {
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        // Made by someone else between the check and now: leave it alone (as the code cache does).
        if (untrustedFolder(dir)) return;
        writeOwnFile(file, Buffer.from(text, 'utf8'));
        // A few kilobytes each: every topic, on a terminal and in a pipe, under two versions.
        pruneCaches(dir, 'help-', '.txt', 100);
      } catch {
        // Read-only home, full disk: the next run renders it again.
      }
    },
  };
}

/** Where oclif looks for a user theme: its config folder (ours, and on Windows its own rule). */
function themeFiles(): string[] {
  const files = [join(configDirectory(), 'theme.json')];
  const local = process.env.LOCALAPPDATA;
  if (process.platform === 'win32' && local) files.push(join(local, 'salesloft-hooks', 'theme.json'));
  return files;
}
