#!/usr/bin/env -S node --import tsx --no-warnings
// Runs the TypeScript sources without a build: oclif finds the commands in src/commands and
// loads the help, autocomplete and not-found plugins from node_modules.
import { readFileSync } from 'node:fs';
import { execute } from '@oclif/core/execute';

const pjson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
pjson.oclif = {
  ...pjson.oclif,
  commands: './src/commands',
  helpClass: undefined,
  hooks: {},
  plugins: ['@oclif/plugin-help', '@oclif/plugin-autocomplete', '@oclif/plugin-not-found'],
};
await execute({ development: true, loadOptions: { root: new URL('..', import.meta.url).pathname, pjson } });
