import { isCatalogEvent } from '../catalog/event-types.js';
import { createSampler } from '../samples/index.js';

/** A realistic delivery body for an event type, shaped like the Salesloft resource it reports on. */
export function samplePayload(eventType: string, options: { seed?: number } = {}): Record<string, unknown> {
  if (!isCatalogEvent(eventType))
    throw new RangeError(`"${eventType}" is not one of the 37 documented event types`);
  return createSampler(options.seed === undefined ? {} : { seed: options.seed })(eventType);
}
