/**
 * The one list of commands. The launcher reads it without loading any command (the code cache's
 * variant per command); the bundle's registry (commands.ts) loads each of the project's own from
 * `src/commands/<id>.ts` and the plugins' by their fixed paths. test/unit/entry/commands.test.ts
 * checks it against src/commands and the manifest.
 */
export const OWN_COMMAND_IDS = [
  'disable',
  'doctor',
  'emulator',
  'enable',
  'events',
  'inspect',
  'list',
  'listen',
  'login',
  'logout',
  'prune',
  'replay',
  'subscribe',
  'sync',
  'trigger',
  'unsubscribe',
  'verify',
  'version',
  'whoami',
] as const;

/** The oclif plugins' commands, bundled rather than loaded as plugins. */
export const PLUGIN_COMMAND_IDS = [
  'help',
  'autocomplete',
  'autocomplete:create',
  'autocomplete:script',
] as const;

export const COMMAND_IDS = [...OWN_COMMAND_IDS, ...PLUGIN_COMMAND_IDS] as const;
