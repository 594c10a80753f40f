import type { ChalkInstance } from 'chalk';
import { byText, count, maskToken, safeText, safeUrl } from '../../../packages/webhooks/src/shared/text.js';
import { MAX_DELIVERIES, type SessionEvent, type SessionTotals } from '../../listen/session-events.js';

/** The stderr line of a listen session's event (none for events that need no words). */
export function sessionLine(event: SessionEvent, color: ChalkInstance): string | undefined {
  const warning = color.yellow('Warning:');
  switch (event.type) {
    case 'dead-journals':
      return `${color.yellow('Note:')} ${count(event.count, 'earlier listen session')} ended without cleaning up; run \`salesloft-hooks prune\` to delete what ${event.count === 1 ? 'it' : 'they'} left.`;
    case 'stopping':
      return `${event.signal}: stopping. Waiting for the subscription requests in flight to answer so they can be deleted; press Ctrl-C again to exit now and leave them to \`salesloft-hooks prune\`.`;
    case 'warning':
      return `${warning} ${safeText(event.message)}`;
    case 'refused-valid':
      return `${color.yellow('Hint:')} your handler answered ${event.status} to a delivery whose signature is valid. This session signs with ${maskToken(event.token)}, from ${event.tokenOrigin}: configure your handler with that token and compute the HMAC over the raw body, before any JSON parsing.`;
    case 'rejected':
      return color.dim(
        `rejected ${safeText(event.method, 20)} ${safeText(event.path, 200)}: ${event.status} ${event.reason}`,
      );
    case 'inspector':
      return `Inspector: ${event.url}`;
    case 'receiver':
      return `Receiver: ${event.url}`;
    case 'subscribing':
      return `Subscribing ${event.callbackUrl} to ${count(event.eventTypes, 'event type')}...`;
    case 'skipped':
      return `${warning} skipped ${event.eventType}: ${safeText(event.reason)}`;
    case 'ready':
      return `Ready: ${event.callbackUrl} (${count(event.subscriptions, 'subscription')})\nCallback token: ${event.token}`;
    case 'tunnel-lost':
      return `${warning} Tunnel lost at ${event.at.slice(11, 19)} (${safeText(event.reason)}): Salesloft's deliveries fail and are retried 3 times, 15 s apart.${event.final ? ' It cannot come back: stop listen (Ctrl-C) and start it again for a new tunnel.' : ''}`;
    case 'tunnel-back':
      return event.sameUrl
        ? `Tunnel back after ${Math.round(event.afterMs / 1000)} s, at the same URL.`
        : `${warning} Tunnel back after ${Math.round(event.afterMs / 1000)} s at another URL (${safeUrl(event.url)}): the subscriptions still name the old one; stop listen and start it again.`;
    case 'cleaning-up':
      return event.reason === MAX_DELIVERIES
        ? `Received ${count(event.received, 'delivery', 'deliveries')}; cleaning up.`
        : `${event.reason}: cleaning up.`;
    case 'summary':
      return `Summary: ${totalsText(event.stats)}.`;
    case 'past-max':
      return `Answered ${count(event.count, 'delivery', 'deliveries')} after --max-deliveries with 503 (Salesloft retries ${event.count === 1 ? 'it' : 'them'}).`;
    case 'unrecorded':
      return `${warning} ${count(event.count, 'delivery', 'deliveries')} could not be written to ${safeText(event.file)}.`;
    case 'done':
      return event.kept
        ? `Kept ${count(event.subscriptions, 'subscription')} (--keep).`
        : `Deleted ${count(event.subscriptions, 'subscription')}. Bye.`;
  }
}

/** `3 deliveries: 2 verified, 1 invalid; forwarded: 2 2xx, 1 failed`. */
export function totalsText(stats: SessionTotals): string {
  let line = `${count(stats.verified + stats.invalid, 'delivery', 'deliveries')}: ${stats.verified} verified, ${stats.invalid} invalid`;
  const kinds = Object.entries(stats.forwards).sort(([a], [b]) => byText(a, b));
  if (kinds.length > 0) line += `; forwarded: ${kinds.map(([kind, n]) => `${n} ${kind}`).join(', ')}`;
  if (stats.replays > 0) line += `; ${count(stats.replays, 'replay')} from the inspector`;
  return line;
}
