import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../support/cli.js';
import { run } from '../support/pack.js';

describe('the build proves its patches', () => {
  it('after `npm ci --ignore-scripts`, `npm run build` fails naming each patch and the fix; after patch-package it passes the check', async () => {
    const clone = tempDir('slh-ignore-scripts-');
    for (const entry of ['package.json', 'package-lock.json', 'patches', 'scripts']) {
      cpSync(join(ROOT, entry), join(clone, entry), { recursive: true });
    }
    mkdirSync(join(clone, 'packages', 'webhooks'), { recursive: true });
    cpSync(
      join(ROOT, 'packages', 'webhooks', 'package.json'),
      join(clone, 'packages', 'webhooks', 'package.json'),
    );
    await run('npm', ['ci', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: clone,
      timeout: 240_000,
    });
    const build = await run('npm', ['run', 'build', '--silent'], { cwd: clone }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(build).toMatchObject({ code: 1 });
    expect((build as { stderr: string }).stderr.trim().split('\n')).toEqual([
      'patches/@oclif+core+4.14.0.patch is not applied (node_modules/@oclif/core/lib/command.js lacks it; installed with --ignore-scripts?): run `npx patch-package`, then build again.',
      'patches/@oclif+plugin-autocomplete+3.2.56.patch is not applied (node_modules/@oclif/plugin-autocomplete/lib/autocomplete/bash-spaces.js lacks it; installed with --ignore-scripts?): run `npx patch-package`, then build again.',
    ]);
    await run(join(clone, 'node_modules', '.bin', 'patch-package'), [], { cwd: clone });
    const checked = await run(process.execPath, [join(clone, 'scripts', 'check-patches.js')], { cwd: clone });
    expect(checked.stderr).toBe('');
  }, 300_000);
});
