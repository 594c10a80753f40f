import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_IDS, OWN_COMMAND_IDS } from '../../../src/entry/command-ids.js';
import { ROOT } from '../../support/cli.js';

// oclif finds the commands through src/entry/commands.ts (the explicit strategy): a command file
// missing from it would not exist for the user.
describe('the command list', () => {
  it('is one list: every file of src/commands, the help and autocomplete commands, as the manifest has them', () => {
    const files = readdirSync(join(ROOT, 'src', 'commands')).map((file) => file.replace(/\.ts$/, ''));
    expect([...OWN_COMMAND_IDS].sort()).toEqual(files.sort());
    const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {
      commands: object;
    };
    expect(Object.keys(manifest.commands).sort()).toEqual([...COMMAND_IDS].sort());
  });
});
