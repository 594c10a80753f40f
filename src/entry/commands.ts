import type { Command } from '@oclif/core/command';

type CommandClass = typeof Command;

/**
 * Every command, for oclif's explicit command strategy (package.json `oclif.commands`). Each
 * getter loads its command's modules only when oclif asks for that command: help comes from the
 * manifest, so a run initialises one command. The bundler (scripts/bundle.js) turns each
 * `require` into a lazy module initialiser inside dist/cli.cjs; this file is never run unbundled.
 * help and autocomplete are the oclif plugins' own commands, bundled rather than loaded as plugins.
 */
export const COMMANDS: Record<string, CommandClass> = {
  get disable() {
    return require('../commands/disable.js').default;
  },
  get doctor() {
    return require('../commands/doctor.js').default;
  },
  get emulator() {
    return require('../commands/emulator.js').default;
  },
  get enable() {
    return require('../commands/enable.js').default;
  },
  get events() {
    return require('../commands/events.js').default;
  },
  get inspect() {
    return require('../commands/inspect.js').default;
  },
  get list() {
    return require('../commands/list.js').default;
  },
  get listen() {
    return require('../commands/listen.js').default;
  },
  get login() {
    return require('../commands/login.js').default;
  },
  get logout() {
    return require('../commands/logout.js').default;
  },
  get prune() {
    return require('../commands/prune.js').default;
  },
  get replay() {
    return require('../commands/replay.js').default;
  },
  get subscribe() {
    return require('../commands/subscribe.js').default;
  },
  get sync() {
    return require('../commands/sync.js').default;
  },
  get trigger() {
    return require('../commands/trigger.js').default;
  },
  get unsubscribe() {
    return require('../commands/unsubscribe.js').default;
  },
  get verify() {
    return require('../commands/verify.js').default;
  },
  get whoami() {
    return require('../commands/whoami.js').default;
  },
  get version() {
    return require('../commands/version.js').default;
  },
  get help() {
    return require('@oclif/plugin-help').commands.help;
  },
  get autocomplete() {
    return require('@oclif/plugin-autocomplete/lib/commands/autocomplete/index.js').default;
  },
  get 'autocomplete:create'() {
    return require('@oclif/plugin-autocomplete/lib/commands/autocomplete/create.js').default;
  },
  get 'autocomplete:script'() {
    return require('@oclif/plugin-autocomplete/lib/commands/autocomplete/script.js').default;
  },
};
