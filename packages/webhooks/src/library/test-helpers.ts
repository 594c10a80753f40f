import type { EventType } from '../catalog/event-types.js';
import type { EventPayload } from '../catalog/payloads.js';
import { deliveryHeaders } from '../catalog/signature.js';
import { railsJson } from '../samples/rails-json.js';
import { samplePayload } from './samples.js';

/**
 * A delivery as Salesloft sends it, for your handler's tests: the body (a realistic sample when
 * none is given; an object is serialised as Salesloft writes JSON, `&` as `\u0026`; a string is
 * sent as is) and its headers, signed with `token`.
 */
export function signedDelivery<T extends EventType>(input: {
  eventType: T;
  body?: EventPayload<T> | Record<string, unknown> | string;
  token: string;
}): { headers: Record<string, string>; body: string } {
  const body =
    typeof input.body === 'string' ? input.body : railsJson(input.body ?? samplePayload(input.eventType));
  return { headers: deliveryHeaders(input.eventType, body, input.token), body };
}
