import type { EventTypeInfo } from '../../../packages/webhooks/src/catalog/event-types.js';
import { byText } from '../../../packages/webhooks/src/shared/text.js';

/** The two styles the catalog uses (a chalk instance has them). */
export interface CatalogColors {
  bold: (text: string) => string;
  dim: (text: string) => string;
}

/** What sets a type apart, as the catalog's middle column says it. */
function mark(event: EventTypeInfo): string {
  return event.synchronous ? 'synchronous' : event.privileged ? 'privileged' : '';
}

/**
 * The catalog grouped by resource, one event a line; a column marks the synchronous hook (only
 * its name selects it) and the privileged types (listen leaves them out unless named).
 */
export function renderEventCatalog(events: readonly EventTypeInfo[], color: CatalogColors): string {
  const width = Math.max(...events.map((event) => event.name.length));
  const markWidth = Math.max(...events.map((event) => mark(event).length));
  const lines: string[] = [];
  let resource: string | undefined;
  for (const event of [...events].sort((a, b) => byText(a.resource, b.resource) || byText(a.name, b.name))) {
    if (event.resource !== resource) {
      if (resource !== undefined) lines.push('');
      resource = event.resource;
      lines.push(color.bold(resource));
    }
    const scopes = event.scopes.length > 0 ? event.scopes.join(' ') : 'no scope';
    lines.push(
      `  ${event.name.padEnd(width)}  ${color.bold(mark(event).padEnd(markWidth))}  ${event.description} ${color.dim(`(${scopes})`)}`,
    );
  }
  lines.push(
    '',
    `${events.length} event types. synchronous: Salesloft waits for its answer before every email the team sends; \`all\` and globs leave it out. privileged: needs a scope granted on request; listen leaves it out unless named.`,
  );
  return lines.join('\n');
}
