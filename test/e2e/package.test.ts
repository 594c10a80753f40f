import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
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
    expect(listing).toContain('package/dist/cli.cjs');
    expect(listing).toContain('package/dist/cli.cjs.map');
    expect(listing).toContain('package/dist/undici.cjs');
    expect(listing).toContain('package/THIRD_PARTY_NOTICES');
    expect(listing).toContain('package/sbom.cdx.json');
    expect(listing).toContain('package/bin/package.json');
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
    // oclif, its plugins and chalk are inside the bundle: the install does not hold them, and
    // what the bundles hold is listed for an auditor (notices and SBOM) with the licence texts.
    expect(readdirSync(join(app, 'node_modules'))).not.toContain('@oclif');
    const installed = join(app, 'node_modules', 'salesloft-hooks');
    const notices = readFileSync(join(installed, 'THIRD_PARTY_NOTICES'), 'utf8');
    for (const name of ['@oclif/core', 'chalk', 'undici', 'ejs', 'string-width']) {
      expect(notices).toMatch(new RegExp(`^${name.replace('/', '\\/')}@\\d+\\.\\d+\\.\\d+ \\(`, 'm'));
    }
    expect(notices).toContain('Permission is hereby granted');
    const sbom = JSON.parse(readFileSync(join(installed, 'sbom.cdx.json'), 'utf8')) as {
      bomFormat: string;
      components: { name: string; purl: string }[];
    };
    expect(sbom.bomFormat).toBe('CycloneDX');
    expect(sbom.components.map((component) => component.name)).toEqual(
      expect.arrayContaining(['@oclif/core', '@oclif/plugin-help', 'chalk', 'undici']),
    );
    writeFileSync(join(app, 'body.json'), '{}');
    const verify = await npx(
      'verify',
      '--token',
      't',
      '--signature',
      '0'.repeat(40),
      '--body-file',
      'body.json',
    ).catch((error: { code: number; stdout: string }) => error);
    expect(verify).toMatchObject({ code: 1, stdout: expect.stringContaining('invalid') });
    const unknown = await run('npx', ['--no-install', 'salesloft-hooks', 'lst'], {
      cwd: app,
      env: { ...process.env, NODE_ENV: 'development' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect({ ...unknown, stderr: stripVTControlCharacters(unknown.stderr) }).toMatchObject({
      code: 127,
      stderr: expect.stringMatching(/^ › {3}Warning: lst is not a salesloft-hooks command\./),
    });
  }, 300_000);
});
