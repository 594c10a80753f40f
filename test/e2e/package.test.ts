import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../support/cli.js';

const run = promisify(execFile);

describe('the npm package', () => {
  it('installs from its tarball into an empty folder and runs without dev dependencies', async () => {
    const packDir = tempDir('slh-pack-');
    // The suite runs after `npm run build`, so the tarball is packed from that build.
    await run('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], { cwd: ROOT });
    const tarball = readdirSync(packDir).find((name) => name.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    const { stdout: listing } = await run('tar', ['-tzf', join(packDir, tarball as string)]);
    expect(listing).toContain('package/oclif.manifest.json');
    expect(listing).toContain('package/dist/commands/listen.js');
    expect(listing).toContain('package/LICENSE');
    expect(listing).not.toMatch(/package\/(src|test|bench)\//);

    const app = tempDir('slh-install-');
    await run('npm', ['init', '-y'], { cwd: app });
    await run(
      'npm',
      [
        'install',
        '--omit=dev',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        join(packDir, tarball as string),
      ],
      {
        cwd: app,
        timeout: 240_000,
      },
    );
    const npx = (...args: string[]) => run('npx', ['--no-install', 'salesloft-hooks', ...args], { cwd: app });
    expect((await npx('--version')).stdout).toMatch(/^salesloft-hooks\/0\.\d+\.\d+ /);
    expect(JSON.parse((await npx('events', '--json')).stdout)).toHaveLength(37);
    const help = (await npx('--help')).stdout;
    for (const command of ['listen', 'subscribe', 'sync', 'emulator', 'trigger'])
      expect(help).toContain(command);
    expect((await npx('list', '--help')).stdout).toContain('--api-key');
  }, 300_000);
});
