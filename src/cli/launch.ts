import Module from 'node:module';
import { join } from 'node:path';
import { cacheDir, cacheVariant, requireWithCodeCache } from './code-cache.js';
import { guardStdio } from './stdio.js';

interface Cli {
  run(root: string): Promise<void>;
}

/**
 * What bin/run.js runs (as dist/launch.cjs, a few kilobytes): `events [--json]` straight from
 * the catalog, everything else through oclif in dist/cli.cjs, loaded with its code cache.
 */
export async function launch(root: string): Promise<void> {
  guardStdio();
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'events' && rest.every((arg) => arg === '--json')) {
    const { printEventCatalog } = await import('./fast-path.js');
    printEventCatalog(rest.length > 0);
    return;
  }
  const cache = cacheDir();
  // Node 22.8 and later cache what is still loaded from node_modules (yaml, cli-table3, prompts).
  (Module as { enableCompileCache?: (directory: string) => unknown }).enableCompileCache?.(
    join(cache, 'node'),
  );
  const cli = requireWithCodeCache(
    join(root, 'dist', 'cli.cjs'),
    join(cache, 'code'),
    cacheVariant(process.argv.slice(2)),
  );
  process.once('exit', () => cli.save());
  if (process.env.SALESLOFT_HOOKS_DEBUG) process.stderr.write(`salesloft-hooks: code cache ${cli.state}\n`);
  await (cli.exports as Cli).run(root);
}
