import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Version from '../../../src/commands/version.js';
import { ROOT } from '../../support/cli.js';
import { runCommand } from '../../support/command.js';

describe('version (in process)', () => {
  it('returns the package version and the runtime', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = await runCommand(Version, ['--json']);
    expect(run.result).toEqual({
      name: 'salesloft-hooks',
      version,
      node: process.versions.node,
      platform: process.platform,
      arch: process.arch,
    });
  });
});
