import {
  EVENT_TYPES,
  type EventTypeInfo,
  findEventType,
  isCatalogEvent,
} from '../../packages/webhooks/src/catalog/event-types.js';
import { UsageError } from '../shared/errors.js';
import { catalogTypo } from './typos.js';

export interface PatternMatch {
  /** Matched event types: catalog order first, then names outside the catalog, no duplicates. */
  events: string[];
  /** Exact names that are not in the catalog (accepted; Salesloft is the authority). */
  unknown: string[];
}

export interface MatchOptions {
  /**
   * Whether `all` and globs reach synchronous hooks (link_swap). Off wherever a match becomes a
   * subscription or turns one on (listen, subscribe, sync, enable, and unsubscribe and disable,
   * which then leave it alone); on where it only reads or sends (list, trigger).
   */
  globsReachSynchronous?: boolean;
}

const NAME_SHAPE = /^[a-z][a-z0-9_]*$/;
const GLOB_SHAPE = /^[a-z0-9_*]+$/;

/** Splits repeated `--event` values and their comma lists into single patterns. */
export function splitPatterns(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/**
 * Resolves event patterns: an exact event type, a `*` glob, or `all`.
 * A glob matching nothing is a usage error, and so is a name within edit distance 2 of a catalog
 * name (a typo); any other unknown exact name is accepted and reported.
 */
export function matchEvents(values: readonly string[], options: MatchOptions = {}): PatternMatch {
  const byPattern = (event: EventTypeInfo) => options.globsReachSynchronous === true || !event.synchronous;
  const patterns = splitPatterns(values);
  // `--event "$EVENTS"` with the variable unset: matching nothing would quietly do nothing.
  if (values.length > 0 && patterns.length === 0) {
    throw new UsageError(
      'The event list is empty (an unset variable?): name an event type, a glob or all.',
      'empty_event',
    );
  }
  const catalogHits = new Set<string>();
  const unknown: string[] = [];
  for (const pattern of patterns) {
    if (pattern === 'all') {
      for (const event of EVENT_TYPES.filter(byPattern)) catalogHits.add(event.name);
    } else if (pattern.includes('*')) {
      if (!GLOB_SHAPE.test(pattern))
        throw new UsageError(`Invalid event pattern "${pattern}".`, 'bad_pattern');
      const regex = globToRegExp(pattern);
      const all = EVENT_TYPES.filter((event) => regex.test(event.name));
      const hits = all.filter(byPattern);
      if (hits.length === 0) {
        const named = all.map((event) => event.name).join(', ');
        throw new UsageError(
          all.length === 0
            ? `Event pattern "${pattern}" matches no event type (see \`salesloft-hooks events\`).`
            : `Event pattern "${pattern}" matches only ${named}, a synchronous hook that only its exact name selects.`,
          'pattern_matches_nothing',
        );
      }
      for (const event of hits) catalogHits.add(event.name);
    } else if (isCatalogEvent(pattern)) {
      catalogHits.add(pattern);
    } else if (NAME_SHAPE.test(pattern)) {
      const typo = catalogTypo(pattern);
      if (typo) throw new UsageError(`Unknown event type "${pattern}": did you mean ${typo}?`, 'event_typo');
      if (!unknown.includes(pattern)) unknown.push(pattern);
    } else {
      throw new UsageError(
        `Invalid event type "${pattern}": names look like person_updated (see \`salesloft-hooks events\`).`,
        'bad_pattern',
      );
    }
  }
  const events = EVENT_TYPES.filter((event) => catalogHits.has(event.name)).map((event) => event.name);
  return { events: [...events, ...unknown], unknown };
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/** The warning to print for names outside the catalog, or undefined when there are none. */
export function unknownEventsWarning(unknown: readonly string[]): string | undefined {
  if (unknown.length === 0) return undefined;
  const list = unknown.join(', ');
  return `${list} ${unknown.length === 1 ? 'is' : 'are'} not in the catalog of 37 documented event types; Salesloft will reject ${unknown.length === 1 ? 'it' : 'them'} if the name is wrong.`;
}

/**
 * listen's events when none are named: every type but the synchronous hooks (a laptop in the send
 * path of the team's email) and the privileged ones (most keys are refused them).
 */
export function defaultListenEvents(): string[] {
  return EVENT_TYPES.filter((event) => !event.synchronous && !event.privileged).map((event) => event.name);
}

/** The one warning before subscribing a synchronous hook, or undefined when `events` has none. */
export function synchronousWarning(events: readonly string[]): string | undefined {
  const hooks = events.filter((name) => findEventType(name)?.synchronous === true);
  if (hooks.length === 0) return undefined;
  return `${hooks.join(', ')} ${hooks.length === 1 ? 'is a synchronous hook' : 'are synchronous hooks'}: every email your team sends will wait for this endpoint's answer before it goes out, for as long as the subscription lives.`;
}
