/**
 * The ids of every command (`autocomplete:create` runs as `autocomplete create`), for the launcher,
 * which must know them without loading the commands. test/unit/entry/commands.test.ts keeps this
 * list, commands.ts and the manifest the same.
 */
export const COMMAND_IDS = [
  'autocomplete',
  'autocomplete:create',
  'autocomplete:script',
  'disable',
  'doctor',
  'emulator',
  'enable',
  'events',
  'help',
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
