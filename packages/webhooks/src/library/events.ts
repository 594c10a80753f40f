import type { EventType } from '../catalog/event-types.js';
import type { LinkSwapAnswer } from '../catalog/link-swap.js';
import type { EventPayload } from '../catalog/payloads.js';

/**
 * A verified delivery: its type, the Salesloft resource it carries, and the raw body it came as.
 * A union over event types, so `if (event.eventType === 'person_updated')` narrows the payload. A
 * type newer than this library still arrives (at `'*'` handlers): keep a default branch.
 */
export type WebhookEvent<T extends EventType = EventType> = {
  [K in T]: { known: true; eventType: K; payload: EventPayload<K>; raw: string };
}[T];

/**
 * A delivery of a type newer than this library (Salesloft adds types without notice): `'*'`
 * handlers get it too. Check `event.known` first: then `eventType` narrows the payload, and a
 * switch over the known types is exhaustive; without the check a switch needs a default.
 */
export interface UnknownWebhookEvent {
  known: false;
  eventType: string & {};
  payload: unknown;
  raw: string;
}

/** What a `'*'` handler gets: any of the known events, or one of a type this library does not know. */
export type AnyWebhookEvent = WebhookEvent | UnknownWebhookEvent;

/**
 * What a handler of `T` returns: a `link_swap` handler may return the links to swap (Salesloft
 * waits for them before it sends the email); any other handler's value is awaited and ignored.
 */
export type HandlerResult<T extends EventType> = [T] extends ['link_swap']
  ? LinkSwapAnswer | undefined | undefined | Promise<LinkSwapAnswer | undefined | undefined>
  : unknown;

/** A handler of events of type `T`. Its return value is awaited; a throw answers 500. */
export type WebhookHandler<T extends EventType = EventType> = (event: WebhookEvent<T>) => HandlerResult<T>;
