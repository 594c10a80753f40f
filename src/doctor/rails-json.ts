import type { EventType } from '../../packages/webhooks/src/catalog/event-types.js';
import { createSampler } from '../../packages/webhooks/src/samples/index.js';
import { railsJson } from '../../packages/webhooks/src/samples/rails-json.js';

const sample = createSampler();

/** A fresh sample of `eventType` (a new resource id each time), written as Salesloft writes it. */
export function railsSample(eventType: EventType): Buffer {
  return Buffer.from(railsJson(sample(eventType)));
}

/**
 * Whether `eventType`'s samples change bytes when a handler parses and re-serialises them, that is
 * whether doctor can catch that mistake with them (they need text that Rails escapes: `&`, `<`, `>`).
 */
export function catchesReserialising(eventType: EventType): boolean {
  const body = railsJson(sample(eventType));
  return JSON.stringify(JSON.parse(body)) !== body;
}
