import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { guardStdio } from '../cli/stdio.js';
import type { Undici } from '../net/undici.js';
import { debugEnabled } from '../shared/config.js';
import { untrustedDirectory } from '../shared/own-files.js';
import { cacheDir, cacheVariant, requireWithCodeCache } from './code-cache.js';
import { helpCache, helpTopic } from './help-cache.js';
import type { RunOptions } from './main.js';

export interface Cli {
  run(root: string, options: RunOptions): Promise<void>;
}

/**
 * What bin/run.js runs (as dist/launch.cjs, a few kilobytes), and bin/dev.mjs over the sources
 * (`dev`): `events [--json]` straight from
 * the catalog, `--version` and `version --json` from package.json, help as oclif last rendered
 * it in the same setting (help-cache.ts), everything else through oclif in dist/cli.cjs, loaded
 * with its code cache; undici
 * (dist/undici.cjs) the same way, on the first request. With source maps on (`node
 * --enable-source-maps`, as for SALESLOFT_HOOKS_DEBUG), the bundles load through Node's own
 * require, which applies their maps, so stack traces name src/ lines.
 */
export async function launch(root: string, dev?: { sources: () => Promise<Cli> }): Promise<void> {
  guardStdio();
  const [command, ...rest] = process.argv.slice(2);
  // `--version`, `-v` and `version`: one line from package.json, as oclif prints it, without oclif;
  // `version --json` the command's result (bin/dev.mjs's says `+dev`: oclif answers it there).
  const asJson = command === 'version' && rest.length === 1 && rest[0] === '--json';
  if (
    !dev &&
    (command === '--version' || command === '-v' || command === 'version') &&
    (rest.length === 0 || asJson)
  ) {
    const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    // What the version command prints (src/commands/version.ts), as oclif prints a result.
    const { platform, arch } = process;
    const json = { name, version, node: process.versions.node, platform, arch };
    process.stdout.write(
      asJson
        ? `${JSON.stringify(json, null, 2)}\n`
        : `${name}/${version} ${platform}-${arch} node-${process.version}\n`,
    );
    return;
  }
  if (command === 'events' && rest.every((arg) => arg === '--json')) {
    const { printEventCatalog } = await import('./fast-path.js');
    await printEventCatalog(rest.length > 0);
    return;
  }
  if (dev) {
    // bin/dev.mjs: the same start-up (stdio guard, fast path) over the TypeScript sources.
    await (await dev.sources()).run(root, { dev: true });
    return;
  }
  const cache = cacheDir();
  const topic = helpTopic(process.argv.slice(2));
  const help = topic === undefined ? undefined : helpCache(root, cache, topic);
  const helpText = help?.read();
  if (helpText !== undefined) {
    process.stdout.write(helpText);
    return;
  }
  // oclif (autocomplete's scripts) takes its cache folder from this variable: one folder, one rule.
  process.env.SALESLOFT_HOOKS_CACHE_DIR ??= cache;
  const debug = debugEnabled();
  const mapped = (process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled === true;
  // Node 22.8 and later cache what is still loaded from node_modules (yaml, cli-table3, prompts),
  // in a folder of this user's alone (as the bundles' caches are: code-cache.ts).
  const cacheReason = untrustedDirectory(cache);
  if (!cacheReason) {
    (Module as { enableCompileCache?: (directory: string) => unknown }).enableCompileCache?.(
      join(cache, 'node'),
    );
  }
  const saves: (() => void)[] = [];
  process.once('exit', () => {
    for (const save of saves) save();
  });
  const load = (file: string, variant: string): unknown => {
    const path = join(root, 'dist', file);
    if (mapped) return createRequire(path)(path);
    const loaded = requireWithCodeCache(path, join(cache, 'code'), variant);
    saves.push(loaded.save);
    if (debug) {
      const why = loaded.reason ? `: ${loaded.reason}, so this run is uncached` : '';
      process.stderr.write(`salesloft-hooks: code cache ${loaded.state} (${file})${why}\n`);
    }
    return loaded.exports;
  };
  if (command === 'listen') {
    // A session runs for hours and floods come and go: V8's young generation, left to grow, takes
    // 32 MB at the first burst and keeps it for good (no major collection follows to shrink it).
    // Kept at its first size, old-generation collections follow and the memory reducer gives back
    // what a burst took, for more young collections (docs/performance.md, memory). Set before the
    // bundle loads: V8 rejects a code cache made under other flags.
    process.getBuiltinModule('node:v8').setFlagsFromString('--semi-space-growth-factor=1');
  }
  const cli = load('cli.cjs', cacheVariant(process.argv.slice(2))) as Cli;
  const loadUndici = () => {
    if (process.versions.node.startsWith('20.')) {
      // Node 20 waits at exit for V8 to finish optimising llhttp's WebAssembly (about 40 ms of an
      // API command here); Liftoff alone compiles it fast enough for an HTTP client. A code cache
      // made under other flags is rejected, so the CLI's is written first, under the flags it loads with.
      for (const save of saves) save();
      process.getBuiltinModule('node:v8').setFlagsFromString('--liftoff-only');
    }
    return load('undici.cjs', 'undici') as Undici;
  };
  await cli.run(root, { undici: loadUndici, ...(help ? { keepHelp: help.save } : {}) });
}
