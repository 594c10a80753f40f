import { EVENT_TYPES } from '../catalog/event-types.js';
import { renderEventCatalog } from './render/events.js';
import { paletteFor } from './terminal.js';

/**
 * `events` and `events --json` without oclif: the catalog is static, and scripts call it
 * often. The launcher takes this path only for exactly those arguments.
 */
export function printEventCatalog(json: boolean): void {
  const text = json
    ? JSON.stringify(EVENT_TYPES, null, 2)
    : renderEventCatalog(EVENT_TYPES, paletteFor(process.stdout));
  process.stdout.write(`${text}\n`);
}
