import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PJSON } from '@oclif/core/interfaces';

/**
 * How oclif loads the CLI from its TypeScript sources (bin/dev.mjs, under tsx): the commands from
 * src/commands, the help, autocomplete and not-found plugins from node_modules. The `+dev` version
 * makes oclif set aside the manifest of the last build (it describes dist/cli.cjs), without the
 * warning it would print about that.
 */
export function devLoadOptions(root: string): { root: string; pjson: PJSON } {
  const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PJSON;
  pjson.version = `${pjson.version}+dev`;
  pjson.oclif = {
    ...pjson.oclif,
    commands: './src/commands',
    hooks: {},
    devPlugins: ['@oclif/plugin-help', '@oclif/plugin-autocomplete', '@oclif/plugin-not-found'],
  };
  const emitWarning = process.emitWarning.bind(process);
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) =>
    String(warning).startsWith('Mismatched version in salesloft-hooks')
      ? undefined
      : (emitWarning as (...values: unknown[]) => void)(warning, ...rest)) as typeof process.emitWarning;
  return { root, pjson };
}
