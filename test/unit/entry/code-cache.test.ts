import { chmodSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleText, cacheDir, cacheVariant, requireWithCodeCache } from '../../../src/entry/code-cache.js';
import { platformDir } from '../../../src/shared/config.js';
import { tempDir } from '../../support/cli.js';

const BUILD = 'ab'.repeat(32);

function bundle(source: string, build: string | null = BUILD): string {
  const file = join(tempDir('slh-bundle-'), 'cli.cjs');
  writeFileSync(file, bundleText(source, build));
  return file;
}

describe('cacheDir', () => {
  it('follows the state directory’s rule on every platform, SALESLOFT_HOOKS_CACHE_DIR first', () => {
    expect(cacheDir({ SALESLOFT_HOOKS_CACHE_DIR: '/c', HOME: '/h' }, 'linux')).toBe('/c');
    expect(cacheDir({ HOME: '/h' }, 'linux')).toBe('/h/.cache/salesloft-hooks');
    expect(cacheDir({ HOME: '/h', XDG_CACHE_HOME: '/x' }, 'linux')).toBe('/x/salesloft-hooks');
    expect(cacheDir({ HOME: '/h' }, 'darwin')).toBe('/h/.cache/salesloft-hooks');
    expect(platformDir('state', { HOME: '/h' }, 'darwin')).toBe('/h/.local/state/salesloft-hooks');
    expect(cacheDir({ HOME: '/h', LOCALAPPDATA: '/l' }, 'win32')).toBe(
      join('/l', 'salesloft-hooks', 'Cache'),
    );
    expect(platformDir('state', { HOME: '/h', LOCALAPPDATA: '/l' }, 'win32')).toBe(
      join('/l', 'salesloft-hooks', 'State'),
    );
  });
});

describe('cacheVariant', () => {
  it('is the command, with its help apart, and the root for flags or nothing', () => {
    expect(cacheVariant(['verify', '--token', 't'])).toBe('verify');
    expect(cacheVariant(['verify', '--help'])).toBe('verify.help');
    expect(cacheVariant(['list', '-h'])).toBe('list.help');
    expect(cacheVariant(['--version'])).toBe('root');
    expect(cacheVariant(['--help'])).toBe('root.help');
    expect(cacheVariant([])).toBe('root');
    expect(cacheVariant(['../../etc'])).toBe('root');
    expect(cacheVariant(['help', 'verify'])).toBe('help');
    // A typo is the root's: it never writes a cache that would push a real one out.
    expect(cacheVariant(['verfy', '--token', 't'])).toBe('root');
    expect(cacheVariant(['lsit', '--help'])).toBe('root.help');
  });
});

describe('requireWithCodeCache', () => {
  // Whether V8 takes a cache shows only in a fresh process (one that compiled the source once
  // reuses that): test/e2e/code-cache.test.ts checks it through the CLI.
  it('runs the bundle and writes its cache (0600 in a 0700 folder) on save', () => {
    const file = bundle('module.exports = { answer: 6 * 7, dir: __dirname };');
    const dir = join(tempDir('slh-cache-'), 'code');
    const first = requireWithCodeCache(file, dir);
    expect(first.exports).toEqual({ answer: 42, dir: join(file, '..') });
    expect(first.state).toBe('missing');
    first.save();
    const [name] = readdirSync(dir);
    expect(name).toMatch(
      new RegExp(`^cli-${BUILD.slice(0, 16)}-[0-9a-f]{8}-${process.version}-${process.arch}\\.v8$`),
    );
    expect(statSync(join(dir, name as string)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('ignores a cache file that others may write, and a bundle without a build line', () => {
    const file = bundle('module.exports = "ok";');
    const dir = join(tempDir('slh-cache-'), 'code');
    requireWithCodeCache(file, dir).save();
    const [name] = readdirSync(dir);
    chmodSync(join(dir, name as string), 0o666);
    expect(requireWithCodeCache(file, dir)).toMatchObject({
      state: 'untrusted',
      reason: `${join(dir, name as string)} is writable by group or others (mode 666)`,
    });
    chmodSync(join(dir, name as string), 0o600);
    expect(requireWithCodeCache(file, dir).state).toBe('used');
    const unstamped = requireWithCodeCache(bundle('module.exports = "plain";', null), dir);
    expect(unstamped).toMatchObject({ exports: 'plain', state: 'off' });
  });

  it('loads a bundle that Node’s require loads the same (oclif manifest requires it so)', () => {
    const file = bundle('exports.file = __filename; module.exports.self = this === exports;');
    const viaNode = createRequire(import.meta.url)(file);
    const viaCache = requireWithCodeCache(file, join(tempDir('slh-cache-'), 'code')).exports;
    expect(viaNode).toEqual({ file, self: true });
    expect(viaCache).toEqual(viaNode);
    const plain = join(tempDir('slh-bundle-'), 'plain.cjs');
    writeFileSync(plain, 'module.exports = 1;\n');
    expect(() => requireWithCodeCache(plain, tempDir('slh-cache-'))).toThrow('is not a bundle');
    expect(() => bundleText('module.exports = "café";', null)).toThrow('ASCII');
  });

  it('keeps one cache per variant, and the 24 newest caches of a bundle, whatever build or Node wrote them', () => {
    const dir = join(tempDir('slh-cache-'), 'code');
    mkdirSync(dir, { recursive: true });
    const old = Array.from(
      { length: 25 },
      (_, i) => `cli-${String(i % 10).repeat(16)}-v2${i}.0.0-${process.arch}.v8`,
    );
    old.forEach((name, i) => {
      writeFileSync(join(dir, name), 'x', { mode: 0o600 });
      utimesSync(join(dir, name), 1_000 + i, 1_000 + i);
    });
    const file = bundle('module.exports = 2;');
    requireWithCodeCache(file, dir, 'verify').save();
    expect(requireWithCodeCache(file, dir, 'list').state).toBe('missing');
    expect(requireWithCodeCache(file, dir, 'verify').state).toBe('used');
    const mine = readdirSync(dir).filter((name) => !old.includes(name));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatch(new RegExp(`^cli-${BUILD.slice(0, 16)}-[0-9a-f]{8}-verify-${process.version}`));
    expect(readdirSync(dir).sort()).toEqual([...mine, ...old.slice(2)].sort());
  });

  it('keys the cache by the bundle’s path too: a copy of the same build elsewhere gets its own', () => {
    const dir = join(tempDir('slh-cache-'), 'code');
    const first = bundle('module.exports = 1;');
    const copy = bundle('module.exports = 1;');
    requireWithCodeCache(first, dir).save();
    expect(requireWithCodeCache(copy, dir).state).toBe('missing');
    requireWithCodeCache(copy, dir).save();
    expect(readdirSync(dir)).toHaveLength(2);
  });
});
