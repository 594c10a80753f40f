#!/usr/bin/env -S node --import tsx --no-warnings
// Runs the TypeScript sources without a build: oclif finds the commands in src/commands and
// loads the help, autocomplete and not-found plugins from node_modules. The `+dev` version makes
// oclif set aside the manifest of the last build (it describes dist/cli.cjs), without the warning
// it would print about that.
import { readFileSync } from 'node:fs';
import { execute } from '@oclif/core/execute';

const pjson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
pjson.version = `${pjson.version}+dev`;
pjson.oclif = {
  ...pjson.oclif,
  commands: './src/commands',
  hooks: {},
  devPlugins: ['@oclif/plugin-help', '@oclif/plugin-autocomplete', '@oclif/plugin-not-found'],
};
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) =>
  String(warning).startsWith('Mismatched version in salesloft-hooks')
    ? undefined
    : emitWarning(warning, ...rest);
await execute({ development: true, loadOptions: { root: new URL('..', import.meta.url).pathname, pjson } });
