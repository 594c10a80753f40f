import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, tempDir } from './cli.js';

const execFileAsync = promisify(execFile);

/** execFile as a promise; npm on Windows is a .cmd, which Node runs only through a shell. */
export const run = (
  file: string,
  args: string[],
  options: { cwd?: string; timeout?: number; env?: NodeJS.ProcessEnv } = {},
) =>
  execFileAsync(file, args, {
    ...options,
    shell: process.platform === 'win32' && (file === 'npm' || file === 'npx'),
  });

/**
 * The package as npm would publish it (from the build the suite runs after): the tarball's path.
 * `workspace`: a workspace's folder (packages/webhooks) instead of the root package.
 */
export async function packTarball(workspace?: string): Promise<string> {
  const packDir = tempDir('slh-pack-');
  const only = workspace === undefined ? [] : ['--workspace', workspace];
  await run('npm', ['pack', '--ignore-scripts', ...only, '--pack-destination', packDir], { cwd: ROOT });
  const tarball = readdirSync(packDir).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  return join(packDir, tarball);
}

/** An empty folder with `packages` installed from the registry (or its cache) as an app would. */
export async function installInto(packages: string[], flags: string[] = []): Promise<string> {
  const app = tempDir('slh-install-');
  await run('npm', ['init', '-y'], { cwd: app });
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...flags, ...packages], {
    cwd: app,
    timeout: 240_000,
  });
  return app;
}
