import type { Subscription } from '../../packages/webhooks/src/salesloft/types.js';
import { matchEvents } from '../catalog/patterns.js';

export interface Selection {
  /** Event patterns (`--event`); validated: a glob matching nothing is a usage error. */
  events?: readonly string[];
  /** Substring of the callback URL (`--url`). */
  url?: string;
  enabled?: boolean;
  ids?: readonly number[];
  /** `list` only: `all` and globs show synchronous hooks too (the others never touch one unnamed). */
  globsReachSynchronous?: boolean;
}

/** The subscriptions that match every given selector. */
export function selectSubscriptions(
  subscriptions: readonly Subscription[],
  selection: Selection,
): Subscription[] {
  const events =
    selection.events && selection.events.length > 0
      ? new Set(
          matchEvents(selection.events, { globsReachSynchronous: selection.globsReachSynchronous === true })
            .events,
        )
      : undefined;
  const ids = selection.ids && selection.ids.length > 0 ? new Set(selection.ids) : undefined;
  return subscriptions.filter(
    (sub) =>
      (events === undefined || events.has(sub.event_type)) &&
      (selection.url === undefined || sub.callback_url.includes(selection.url)) &&
      (selection.enabled === undefined || sub.enabled === selection.enabled) &&
      (ids === undefined || ids.has(sub.id)),
  );
}
