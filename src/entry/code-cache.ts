import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { COMMAND_IDS } from './command-ids.js';

/**
 * Loads a CommonJS bundle through V8's code cache, so that a start-up deserialises compiled
 * code instead of compiling the bundle again. Node 22's `module.enableCompileCache()`
 * does the same for every module, but Node 20 has no such switch and the CLI is one file.
 *
 * The bundle ends with a `// build <sha256>` line (scripts/bundle.js writes it): the cache
 * file is named after it and the bundle's path, because V8 checks only the source's length before
 * trusting a cache, and keeps the file name the cache was made under.
 * A cache file is used only when it is a regular file of this user that nobody else may write.
 */
export type CodeCacheState = 'used' | 'rejected' | 'missing' | 'off';

export interface CachedModule {
  exports: unknown;
  state: CodeCacheState;
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
  const key = build ? `${build.slice(0, 16)}-${pathKey(file)}` : undefined;
  const name = [key, variant, process.version, process.arch].filter(Boolean).join('-');
  const cacheFile = key ? join(dir, `${stem}${name}.v8`) : undefined;
  const cachedData = cacheFile ? readOwnFile(cacheFile) : undefined;
  const script = new Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = new Module(file) as NodeJS.Module;
  module.filename = file;
  module.loaded = true;
  // oclif require()s this file for its commands and hook: hand it this instance.
  createRequire(file).cache[file] = module;
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));

  const state: CodeCacheState = !cacheFile
    ? 'off'
    : !cachedData
      ? 'missing'
      : script.cachedDataRejected
        ? 'rejected'
        : 'used';
  let saved = state === 'used' || state === 'off';
  const save = () => {
    if (saved || !cacheFile) return;
    saved = true;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
      renameSync(temporary, cacheFile);
      pruneCaches(dir, stem);
    } catch {
      // A cache that cannot be written (read-only home, full disk) only costs speed.
    }
  };
  return { exports: module.exports, state, save };
}

/**
 * Keeps the newest caches of a bundle and removes the rest: enough for the commands one person
 * runs, under two installed versions or two Node versions, which would otherwise remove each
 * other's caches at every run. (A cache is a few hundred kilobytes.)
 */
const CACHES_KEPT = 24;

function pruneCaches(dir: string, stem: string): void {
  const caches = readdirSync(dir)
    .filter((name) => name.startsWith(stem) && name.endsWith('.v8'))
    .map((name) => ({ file: join(dir, name), mtime: lstatSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { file } of caches.slice(CACHES_KEPT)) rmSync(file, { force: true });
}

/** Eight hex digits of the bundle's path (FNV-1a: node:crypto would cost start-up time). */
function pathKey(path: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < path.length; index++) {
    hash ^= path.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function readOwnFile(file: string): Buffer | undefined {
  try {
    const stat = lstatSync(file);
    if (!stat.isFile()) return undefined;
    if (process.getuid && (stat.uid !== process.getuid() || (stat.mode & 0o022) !== 0)) return undefined;
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
