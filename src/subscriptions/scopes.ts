import { findEventType } from '../../packages/webhooks/src/catalog/event-types.js';
import { byText } from '../../packages/webhooks/src/shared/text.js';

/** "people:read (person_created, person_updated); tasks:read (task_completed)" for the chosen events. */
export function scopesNeeded(events: readonly string[]): string | undefined {
  const byScope = new Map<string, string[]>();
  for (const name of events) {
    for (const scope of findEventType(name)?.scopes ?? []) {
      byScope.set(scope, [...(byScope.get(scope) ?? []), name]);
    }
  }
  if (byScope.size === 0) return undefined;
  return [...byScope.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(
      ([scope, names]) =>
        `${scope} (${names.length > 3 ? `${names.slice(0, 3).join(', ')}, …` : names.join(', ')})`,
    )
    .join('; ');
}
