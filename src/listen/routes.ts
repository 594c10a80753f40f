import { matchEvents } from '../catalog/patterns.js';
import { UsageError } from '../shared/errors.js';
import { parseForwardTarget } from '../shared/urls.js';

/** Where deliveries of some event types go: `--forward-to 'person_*=:3000/people'`. */
export interface Route {
  /** The pattern as given, or null for the default route (a target without one). */
  pattern: string | null;
  /** The event types it takes (none listed for the default: it takes what no other route does). */
  events: ReadonlySet<string>;
  target: string;
}

/** `PATTERN=TARGET`: the part before `=` is event patterns when it holds no `:`, `/` or `.`. */
const ROUTED = /^([a-z0-9_*,\s]+)=(.+)$/i;

/**
 * Parses the `--forward-to` values: `TARGET` (the default route, one at most) or
 * `PATTERNS=TARGET` (an event type, a glob or a comma list), checked as `--event` is. The first
 * route whose patterns match a delivery's type takes it; else the default; else none.
 */
export function parseRoutes(values: readonly string[]): Route[] {
  const routes = values.map((value): Route => {
    const routed = ROUTED.exec(value.trim());
    if (!routed) return { pattern: null, events: new Set(), target: parseForwardTarget(value) };
    const [, pattern = '', target = ''] = routed;
    const match = matchEvents([pattern], { globsReachSynchronous: true });
    return {
      pattern: pattern.trim(),
      events: new Set(match.events),
      target: parseForwardTarget(target, `--forward-to ${pattern.trim()}=`),
    };
  });
  if (routes.filter((route) => route.pattern === null).length > 1) {
    throw new UsageError(
      '--forward-to: give one target without a pattern at most (the default); route the others with PATTERN=TARGET.',
      'two_default_routes',
    );
  }
  return routes;
}

/** The route a delivery of `eventType` takes, if any. */
export function routeFor(routes: readonly Route[], eventType: string | null): Route | undefined {
  if (eventType !== null) {
    const routed = routes.find((route) => route.pattern !== null && route.events.has(eventType));
    if (routed) return routed;
  }
  return routes.find((route) => route.pattern === null);
}
