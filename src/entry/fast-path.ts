import { EVENT_TYPES } from '../../packages/webhooks/src/catalog/event-types.js';
import { colorEnabled } from '../cli/color.js';
import { type CatalogColors, renderEventCatalog } from '../cli/render/events.js';

/** Without colour (a pipe, NO_COLOR): the catalog as plain text, without loading chalk for nothing. */
const PLAIN: CatalogColors = { bold: (text) => text, dim: (text) => text };

/**
 * `events` and `events --json` without oclif: the catalog is static, and scripts call it
 * often. The launcher takes this path only for exactly those arguments.
 */
export async function printEventCatalog(json: boolean): Promise<void> {
  let text: string;
  if (json) {
    text = JSON.stringify(EVENT_TYPES, null, 2);
  } else {
    const colors = colorEnabled(process.env, process.stdout.isTTY)
      ? (await import('../cli/terminal.js')).paletteFor(process.stdout)
      : PLAIN;
    text = renderEventCatalog(EVENT_TYPES, colors);
  }
  process.stdout.write(`${text}\n`);
}
