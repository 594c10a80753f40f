import type { EventTypeInfo } from '../../catalog/event-types.js';
import { byText } from '../../shared/text.js';

/** The two styles the catalog uses (a chalk instance has them). */
export interface CatalogColors {
  bold: (text: string) => string;
  dim: (text: string) => string;
}

/** The catalog grouped by resource, one event a line. */
export function renderEventCatalog(events: readonly EventTypeInfo[], color: CatalogColors): string {
  const width = Math.max(...events.map((event) => event.name.length));
  const lines: string[] = [];
  let resource: string | undefined;
  for (const event of [...events].sort((a, b) => byText(a.resource, b.resource) || byText(a.name, b.name))) {
    if (event.resource !== resource) {
      if (resource !== undefined) lines.push('');
      resource = event.resource;
      lines.push(color.bold(resource));
    }
    const scopes = event.scopes.length > 0 ? event.scopes.join(' ') : 'no scope';
    lines.push(`  ${event.name.padEnd(width)}  ${event.description} ${color.dim(`(${scopes})`)}`);
  }
  lines.push('', `${events.length} event types`);
  return lines.join('\n');
}
