import type { EventType } from '../catalog/event-types.js';
import { createSampler } from '../samples/index.js';

/**
 * JSON as a Rails application writes it, which is how Salesloft's deliveries arrive: ActiveSupport
 * escapes `&`, `<`, `>` (and U+2028, U+2029) as `\u0026`..., and Ruby's JSON can escape `/` as `\/`.
 * A handler that parses the body and signs `JSON.stringify(req.body)` gets other bytes back and so
 * another signature: this is the body that catches it.
 *
 * The escapes are applied to the serialised text, which is safe because these characters can only
 * occur inside JSON strings.
 */
export function railsJson(value: unknown): string {
  return JSON.stringify(value).replace(RAILS_ESCAPED, (char) => RAILS_ESCAPES[char] ?? char);
}

const RAILS_ESCAPES: Readonly<Record<string, string>> = {
  '&': '\\u0026',
  '<': '\\u003c',
  '>': '\\u003e',
  '/': '\\/',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};
const RAILS_ESCAPED = /[&<>/\u2028\u2029]/g;

const sample = createSampler();

/** A fresh sample of `eventType` (a new resource id each time), written as Rails writes it. */
export function railsSample(eventType: EventType): Buffer {
  return Buffer.from(railsJson(sample(eventType)));
}

/**
 * Whether `eventType`'s samples change bytes when a handler parses and re-serialises them, that is
 * whether doctor can catch that mistake with them (they need a link or text Rails escapes).
 */
export function catchesReserialising(eventType: EventType): boolean {
  const body = railsJson(sample(eventType));
  return JSON.stringify(JSON.parse(body)) !== body;
}
