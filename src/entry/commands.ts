import type { Command } from '@oclif/core/command';
import { OWN_COMMAND_IDS, type PLUGIN_COMMAND_IDS } from './command-ids.js';

type CommandClass = typeof Command;

/** Where each plugin command's class is: the one place a plugin command's path is written. */
const PLUGIN_COMMANDS: Record<(typeof PLUGIN_COMMAND_IDS)[number], () => CommandClass> = {
  help: () => require('@oclif/plugin-help').commands.help,
  autocomplete: () => require('@oclif/plugin-autocomplete/lib/commands/autocomplete/index.js').default,
  'autocomplete:create': () =>
    require('@oclif/plugin-autocomplete/lib/commands/autocomplete/create.js').default,
  'autocomplete:script': () =>
    require('@oclif/plugin-autocomplete/lib/commands/autocomplete/script.js').default,
};

/**
 * Every command, for oclif's explicit command strategy (package.json `oclif.commands`), from the
 * one list in command-ids.ts. Each getter loads its command's modules only when oclif asks for that
 * command: help comes from the manifest, so a run initialises one command. The bundler
 * (scripts/bundle.js) bundles every file the `../commands/${id}.ts` pattern can name and turns each
 * `require` into a lazy module initialiser inside dist/cli.cjs; this file is never run unbundled.
 */
export const COMMANDS: Record<string, CommandClass> = {};
for (const id of OWN_COMMAND_IDS) {
  Object.defineProperty(COMMANDS, id, {
    enumerable: true,
    get: () => require(`../commands/${id}.ts`).default as CommandClass,
  });
}
for (const [id, load] of Object.entries(PLUGIN_COMMANDS)) {
  Object.defineProperty(COMMANDS, id, { enumerable: true, get: load });
}
