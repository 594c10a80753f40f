import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { fnv1a } from '../shared/fnv.js';
import { readOwnFile, UntrustedPathError, untrustedDirectory, writeOwnFile } from '../shared/own-files.js';
import { COMMAND_IDS } from './command-ids.js';

/**
 * Loads a CommonJS bundle through V8's code cache, so that a start-up deserialises compiled
 * code instead of compiling the bundle again. Node 22's `module.enableCompileCache()`
 * does the same for every module, but Node 20 has no such switch and the CLI is one file.
 *
 * The bundle ends with a `// build <sha256>` line (scripts/bundle.js writes it): the cache
 * file is named after it and the bundle's path, because V8 checks only the source's length before
 * trusting a cache (a forged cache of the same length runs its own code), and keeps the file name
 * the cache was made under. Each cache starts with a header naming the build hash, the source's
 * length and the bundle file's size and modification time it was made from: any mismatch and it is
 * ignored. (Hashing the 1.2 MB bundle again at each start would cost 3 ms.)
 * A cache is read and written only in a folder of this user's that nobody else may write, read
 * from a regular file of this user's opened without following symlinks, and written through a
 * temporary file of a random name, created exclusively (src/shared/own-files.ts).
 */
export type CodeCacheState = 'used' | 'rejected' | 'missing' | 'off' | 'untrusted';

export interface CachedModule {
  exports: unknown;
  state: CodeCacheState;
  /** Why the cache folder or file was not trusted (state `untrusted`). */
  reason?: string;
  /** Writes the cache when it was missing or rejected; call it when the run is over. */
  save(): void;
}

const BUILD_LINE = /\n\/\/ build ([0-9a-f]{64})\n?$/;

const BUNDLE_HEAD =
  '(b=>typeof arguments>"u"?b:b.apply(this,arguments))((function (exports, require, module, __filename, __dirname) {';

/**
 * A bundle's text: its CommonJS code (ASCII) as a function, and the `// build` line. Compiled as a
 * script (here) the text's value is that function, so V8 compiles the file's own string with no
 * wrapper copied around it; loaded by Node's require (as `oclif manifest` does), whose wrapper
 * passes the module's five values as `arguments`, it calls the function with them.
 */
export function bundleText(code: string, build: string | null): string {
  if (/[^\0-\x7f]/.test(code)) throw new Error('a bundle must be ASCII: escape the rest');
  const text = `${BUNDLE_HEAD}${code}\n}))`;
  return build ? `${text}\n// build ${build}\n` : `${text}\n`;
}

export { cacheDirectory as cacheDir } from '../shared/config.js';

/**
 * Which cache a run uses: V8 caches the functions a run compiled, and each command (and each
 * command's help) runs other code, so each has its own. A first argument that is not a command
 * (a flag, a typo, or none) is the root, so a mistyped command never writes a cache of its own
 * that would push out the real ones.
 */
export function cacheVariant(args: readonly string[]): string {
  const [first] = args;
  const command = first !== undefined && (COMMAND_IDS as readonly string[]).includes(first) ? first : 'root';
  return args.some((arg) => arg === '--help' || arg === '-h') ? `${command}.help` : command;
}

export function requireWithCodeCache(file: string, dir: string, variant?: string): CachedModule {
  // A bundle is ASCII (see bundleText): latin1 makes it a string in one plain copy.
  const source = readFileSync(file).toString('latin1');
  if (!source.startsWith(BUNDLE_HEAD)) throw new Error(`${file} is not a bundle (see bundleText)`);
  const build = BUILD_LINE.exec(source.slice(-80))?.[1];
  const stem = `${basename(file, '.cjs')}-`;
  // V8 keeps the file name a cache was made under: a copy of the same build elsewhere (another
  // install, a checkout) needs its own cache, or its stack traces name the other copy.
  const key = build ? `${build.slice(0, 16)}-${fnv1a(file)}` : undefined;
  const name = [key, variant, process.version, process.arch].filter(Boolean).join('-');
  const folderReason = key ? untrustedFolder(dir) : undefined;
  const cacheFile = key && !folderReason ? join(dir, `${stem}${name}.v8`) : undefined;
  const header = cacheFile ? cacheHeader(file, build as string, source.length) : '';
  const read = cacheFile ? readCache(cacheFile, header) : {};
  const { cachedData } = read;
  const script = new Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = new Module(file) as NodeJS.Module;
  module.filename = file;
  module.loaded = true;
  // oclif require()s this file for its commands and hook: hand it this instance.
  createRequire(file).cache[file] = module;
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));

  const reason = folderReason ?? read.reason;
  const state: CodeCacheState = reason
    ? 'untrusted'
    : !cacheFile
      ? 'off'
      : !cachedData
        ? 'missing'
        : script.cachedDataRejected
          ? 'rejected'
          : 'used';
  let saved = state === 'used' || state === 'off' || folderReason !== undefined;
  const save = () => {
    if (saved || !cacheFile) return;
    saved = true;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // Made by someone else between the check and now: leave it alone.
      if (untrustedFolder(dir)) return;
      writeOwnFile(cacheFile, Buffer.concat([Buffer.from(header, 'latin1'), script.createCachedData()]));
      pruneCaches(dir, stem);
    } catch {
      // A cache that cannot be written (read-only home, full disk) only costs speed.
    }
  };
  return { exports: module.exports, state, ...(reason ? { reason } : {}), save };
}

/** Why the cache folder (or, when it does not exist yet, its parent) is not this user's alone. */
export function untrustedFolder(dir: string): string | undefined {
  try {
    const own = untrustedDirectory(dir);
    if (own) return `${dir} ${own}`;
    const parent = dirname(dir);
    const above = statSafe(dir) ? undefined : untrustedDirectory(parent);
    return above ? `${parent} ${above}` : undefined;
  } catch {
    return `${dir} cannot be checked`;
  }
}

function statSafe(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The first line of a cache: what it was made from. */
function cacheHeader(file: string, build: string, length: number): string {
  const { size, mtimeMs } = statSync(file);
  return `salesloft-hooks code cache 1 ${build} ${length} ${size} ${mtimeMs}\n`;
}

/** A cache's V8 data, when the file is this user's and its header is `header`. */
function readCache(file: string, header: string): { cachedData?: Buffer; reason?: string } {
  try {
    const bytes = readOwnFile(file);
    if (!bytes || bytes.length <= header.length) return {};
    if (bytes.subarray(0, header.length).toString('latin1') !== header) return {};
    return { cachedData: bytes.subarray(header.length) };
  } catch (error) {
    return error instanceof UntrustedPathError ? { reason: error.message } : {};
  }
}

/**
 * Keeps the newest caches of a bundle and removes the rest: enough for the commands one person
 * runs, under two installed versions or two Node versions, which would otherwise remove each
 * other's caches at every run. (A cache is a few hundred kilobytes.)
 */
const CACHES_KEPT = 24;

export function pruneCaches(dir: string, stem: string, extension = '.v8', kept = CACHES_KEPT): void {
  const caches = readdirSync(dir)
    .filter((name) => name.startsWith(stem) && name.endsWith(extension))
    .map((name) => ({ file: join(dir, name), mtime: lstatSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { file } of caches.slice(kept)) rmSync(file, { force: true });
}
