import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_IDS } from '../../../src/entry/command-ids.js';
import { ROOT } from '../../support/cli.js';

// oclif finds the commands through src/entry/commands.ts (the explicit strategy): a command file
// missing from it would not exist for the user.
describe('the command list', () => {
  it('names every file of src/commands, and the help and autocomplete commands', () => {
    const source = readFileSync(join(ROOT, 'src', 'entry', 'commands.ts'), 'utf8');
    const listed = [...source.matchAll(/get '?([\w:]+)'?\(\)/g)].map(([, id]) => id);
    const files = readdirSync(join(ROOT, 'src', 'commands')).map((file) => file.replace(/\.ts$/, ''));
    expect(listed.sort()).toEqual(
      [...files, 'help', 'autocomplete', 'autocomplete:create', 'autocomplete:script'].sort(),
    );
    for (const id of files)
      expect(source).toContain(`get ${id}() {\n    return require('../commands/${id}.js').default;`);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {
      commands: object;
    };
    expect(Object.keys(manifest.commands).sort()).toEqual(listed.sort());
    expect([...COMMAND_IDS].sort()).toEqual(listed.sort());
  });
});
