import { findEventType } from '../../catalog/event-types.js';
import { diagnose, sign } from '../../catalog/signature.js';

/** A delivery as the inspector page shows it: everything, with the catalog entry and a signature hint. */
export interface InspectedDelivery {
  id: number;
  received_at: string;
  event_type: string | null;
  path: string;
  headers: Record<string, string>;
  /** The raw body as text (exact bytes in `body_base64`). */
  body_text: string;
  body_base64: string;
  signature: { valid: boolean; reason: string | null; hint?: string };
  forward: { status: number | null; ms: number; error: string | null; excerpt?: string } | null;
  retry_of: number | null;
  replay_of: number | null;
  catalog: { resource: string; action: string; description: string; scopes: string[] } | null;
  /** A curl command that sends these bytes with a valid signature to the replay target. */
  curl: string;
}

/** What both a live delivery and a recorded one offer. */
export interface DeliveryFacts {
  id: number;
  received_at: string;
  event_type: string | null;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  signature: { valid: boolean; reason: string | null };
  forward?: InspectedDelivery['forward'];
  retry_of?: number | undefined;
  replay_of?: number | undefined;
}

import { REPLAY_HEADER } from '../delivery.js';

export function inspectedFrom(
  facts: DeliveryFacts,
  token: string,
  target: string | undefined,
): InspectedDelivery {
  const headers = flatHeaders(facts.headers);
  const entry = facts.event_type ? findEventType(facts.event_type) : undefined;
  const hint = facts.signature.valid
    ? undefined
    : diagnose(facts.body, token, headers['x-salesloft-signature']).hint;
  return {
    id: facts.id,
    received_at: facts.received_at,
    event_type: facts.event_type,
    path: facts.path,
    headers,
    body_text: facts.body.toString('utf8'),
    body_base64: facts.body.toString('base64'),
    signature: { valid: facts.signature.valid, reason: facts.signature.reason, ...(hint ? { hint } : {}) },
    forward: facts.forward ?? null,
    retry_of: facts.retry_of ?? null,
    replay_of: facts.replay_of ?? null,
    catalog: entry
      ? {
          resource: entry.resource,
          action: entry.action,
          description: entry.description,
          scopes: [...entry.scopes],
        }
      : null,
    curl: curlCommand(target ?? '<your handler URL>', facts.event_type, facts.body, token),
  };
}

/** The headers a replay sends: the delivery's own content type and x-salesloft-* headers, re-signed. */
export function replayHeaders(
  record: InspectedDelivery,
  body: Buffer,
  token: string,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(record.headers)) {
    if (name === 'content-type' || name.startsWith('x-salesloft-')) headers[name] = value;
  }
  headers['content-type'] ??= 'application/json';
  headers['x-salesloft-signature'] = sign(body, token);
  headers[REPLAY_HEADER] = String(record.id);
  return headers;
}

function curlCommand(target: string, eventType: string | null, body: Buffer, token: string): string {
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  return [
    `curl -X POST ${quote(target)}`,
    `-H ${quote('content-type: application/json')}`,
    ...(eventType ? [`-H ${quote(`x-salesloft-event: ${eventType}`)}`] : []),
    `-H ${quote(`x-salesloft-signature: ${sign(body, token)}`)}`,
    `--data-binary ${quote(body.toString('utf8'))}`,
  ].join(' \\\n  ');
}

function flatHeaders(headers: DeliveryFacts['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
