import { EVENT_TYPES } from '../catalog/event-types.js';
import { renderEventCatalog } from './render/events.js';
import { paletteFor } from './terminal.js';

/**
 * `events` and `events --json` without loading oclif: the catalog is static, and scripts call
 * it often. Anything else (other flags included) goes through oclif as usual.
 * Returns true when it handled the command.
 */
export function tryFastPath(argv: readonly string[]): boolean {
  const [command, ...rest] = argv;
  if (command !== 'events' || !rest.every((arg) => arg === '--json')) return false;
  const text =
    rest.length > 0
      ? JSON.stringify(EVENT_TYPES, null, 2)
      : renderEventCatalog(EVENT_TYPES, paletteFor(process.stdout));
  process.stdout.write(`${text}\n`);
  return true;
}
