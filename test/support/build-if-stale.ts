import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** What the build reads: a change to any of them makes dist/ stale. */
const INPUTS = [
  'src',
  'packages/webhooks/src',
  'packages/webhooks/package.json',
  'packages/webhooks/tsconfig.json',
  'scripts',
  'patches',
  'assets',
  'package.json',
];
const OUTPUTS = [
  'dist/cli.cjs',
  'dist/launch.cjs',
  'dist/undici.cjs',
  'dist/lib/index.js',
  'packages/webhooks/dist/esm/index.js',
  'packages/webhooks/dist/cjs/index.js',
  'oclif.manifest.json',
];

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((latest, entry) => Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
}

/**
 * vitest's global setup: the end-to-end tests run bin/run.js over dist/, so `npx vitest run`
 * after an edit rebuilds first instead of testing the last build. (`npm test` builds anyway.)
 */
export default function setup(): void {
  const outputs = OUTPUTS.map((file) => join(ROOT, file));
  const built = outputs.every(existsSync) ? Math.min(...outputs.map((file) => statSync(file).mtimeMs)) : 0;
  const changed = Math.max(
    ...INPUTS.map((input) => join(ROOT, input))
      .filter(existsSync)
      .map(newest),
  );
  if (changed <= built) return;
  process.stderr.write('dist/ is older than its sources: building (node scripts/build.js)\n');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.js')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
}
