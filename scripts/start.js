// `npm start`: builds when dist/ is missing or older than src/ or the library package's source, then
// runs the main job.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce(
      (latest, entry) => Math.max(latest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs),
      0,
    );

const manifest = join(root, 'oclif.manifest.json');
if (
  !existsSync(manifest) ||
  !existsSync(join(root, 'dist')) ||
  Math.max(newest(join(root, 'src')), newest(join(root, 'packages', 'webhooks', 'src'))) >
    statSync(manifest).mtimeMs
) {
  // Build output goes to stderr, so `npm start --silent -- ... --json` keeps stdout clean.
  execFileSync(process.execPath, [join(root, 'scripts', 'build.js')], {
    cwd: root,
    stdio: ['ignore', 2, 'inherit'],
  });
}

const args = process.argv.slice(2);
const child = spawn(
  process.execPath,
  [join(root, 'bin', 'run.js'), ...(args.length > 0 ? args : ['listen', '--emulator'])],
  {
    stdio: 'inherit',
  },
);
// Ctrl-C reaches the CLI too (same process group); pass on signals sent to this script alone,
// and wait for the CLI to finish its cleanup before exiting.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
