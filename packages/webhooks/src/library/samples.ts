import { type EventType, isCatalogEvent } from '../catalog/event-types.js';
import type { EventPayload } from '../catalog/payloads.js';
import { createSampler } from '../samples/index.js';

/** A realistic delivery body for an event type, shaped like the Salesloft resource it reports on. */
export function samplePayload<T extends EventType>(
  eventType: T,
  options: { seed?: number } = {},
): EventPayload<T> {
  if (!isCatalogEvent(eventType))
    throw new RangeError(`"${eventType}" is not one of the 37 documented event types`);
  return createSampler(options.seed === undefined ? {} : { seed: options.seed })(
    eventType,
  ) as unknown as EventPayload<T>;
}
