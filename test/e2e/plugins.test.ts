import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';

// help, autocomplete and not-found are oclif plugins bundled into dist/cli.cjs: their paths must
// work as they did when oclif loaded them from node_modules.
describe('the bundled oclif plugins', () => {
  it('`help verify` prints what `verify --help` prints', async () => {
    const [help, flag] = await Promise.all([runCli(['help', 'verify']), runCli(['verify', '--help'])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('USAGE\n  $ salesloft-hooks verify --signature <value>');
    expect(help.stdout).toBe(flag.stdout);
  });

  it('`autocomplete bash` explains the setup and `autocomplete script bash` prints the line to add', async () => {
    const cache = tempDir('slh-cache-');
    const cacheDir = { SALESLOFT_HOOKS_CACHE_DIR: cache };
    const setup = await runCli(['autocomplete', 'bash'], { env: cacheDir });
    expect(setup.code).toBe(0);
    expect(setup.stdout).toContain('salesloft-hooks autocomplete script bash');
    const script = await runCli(['autocomplete', 'script', 'bash'], { env: cacheDir });
    expect(script.code).toBe(0);
    expect(script.stdout).toContain(`SALESLOFT_HOOKS_AC_BASH_SETUP_PATH=${cache}/autocomplete/bash_setup`);
  });

  it('an unknown command is named, with what was probably meant (no terminal to ask on) and the way to the list, exit 127', async () => {
    // NODE_ENV=development once made oclif look for TypeScript sources and warn about them.
    const result = await runCli(['lst'], { env: { NODE_ENV: 'development' } });
    expect(result.code).toBe(127);
    // The plugin colours its words under CI=true even on a pipe (as it did before the bundle).
    const stderr = stripVTControlCharacters(result.stderr);
    expect(stderr).toBe(
      ' ›   Warning: lst is not a salesloft-hooks command.\n ›   Warning: Did you mean list?\n ›   Error: Run salesloft-hooks help for a list of available commands.\n',
    );
  });
});
