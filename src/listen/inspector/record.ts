import { createHash } from 'node:crypto';
import { findEventType } from '../../../packages/webhooks/src/catalog/event-types.js';
import type { LinkSwapVerdict } from '../../../packages/webhooks/src/catalog/link-swap.js';
import { diagnose, sign } from '../../../packages/webhooks/src/catalog/signature.js';
import { nestedDeeperThan } from '../../../packages/webhooks/src/shared/json-depth.js';
import { INVALID_BODY_EXAMINED, REPLAY_HEADER } from '../delivery.js';

/** The largest invalid body kept whole (and diagnosed): a forgery beyond it keeps a prefix and a digest. */
export const INVALID_BODY_KEPT = INVALID_BODY_EXAMINED;
const PREFIX_BYTES = 512;
const SUMMARY_CHARS = 120;

/** What a forward or a replay got back. */
export interface ResponseSeen {
  status: number | null;
  ms: number;
  error: string | null;
  headers?: Record<string, string>;
  body?: Buffer;
  truncated?: boolean;
  /** With routes per event type: the target it went to. */
  route?: string;
}

/** A row of the page's list and of its event stream: small, never the body. */
export interface InspectorRow {
  /** `12` for delivery #12, `r3` for the third replay sent from the page. */
  key: string;
  /** Bumped at each change, so the page keeps the newest of two copies. */
  version: number;
  id: number | null;
  received_at: string;
  event_type: string | null;
  path: string;
  size: number;
  resource_id: string | null;
  summary: string;
  signature: { valid: boolean; reason: string | null; hint?: string };
  forward: { status: number | null; ms: number; error: string | null } | null;
  /** For a verified link_swap: what Salesloft would make of the answer. */
  link_swap: LinkSwapVerdict | null;
  retry_of: number | null;
  replay_of: number | null;
  /** Where a replay went. */
  target: string | null;
  /** `full`, or `prefix` for a large invalid body (kept: its first bytes and its SHA-256). */
  body_kept: 'full' | 'prefix';
}

/** One delivery's whole record, asked for when it is selected. */
export interface InspectorDetail extends InspectorRow {
  headers: Record<string, string>;
  body_base64: string;
  body_sha256: string;
  response: { headers: Record<string, string>; body_text: string; truncated: boolean } | null;
  catalog: { resource: string; action: string; description: string; scopes: string[] } | null;
}

/** A stored entry: the row, and what only the detail, a replay or the curl text need. */
export interface Entry {
  row: InspectorRow;
  headers: Record<string, string>;
  body: Buffer;
  /** The SHA-256 of the whole body as received: computed on arrival only when the body is not kept. */
  sha256: string | undefined;
  response: ResponseSeen | null;
  /** What it holds in memory, roughly, for the store's budget. */
  bytes: number;
}

/** What both a live delivery and a recorded one offer. */
export interface DeliveryFacts {
  id: number | null;
  received_at: string;
  event_type: string | null;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  signature: { valid: boolean; reason: string | null };
  forward?: ResponseSeen | null | undefined;
  /** A live delivery's verdict, or whatever a recording's line holds (checked here). */
  link_swap?: unknown;
  retry_of?: number | undefined;
  replay_of?: number | undefined;
  target?: string | undefined;
}

/**
 * An entry from a delivery, computed once on arrival: its summary from the body parsed once
 * (a valid one, or an invalid one small enough to keep), the signature's diagnosis for a small
 * invalid body, and only a prefix and digest of a large forgery.
 */
export function entryFrom(key: string, facts: DeliveryFacts, token: string, version = 1): Entry {
  const headers = flatHeaders(facts.headers);
  const keepAll = facts.signature.valid || facts.body.length <= INVALID_BODY_KEPT;
  const body = keepAll ? facts.body : Buffer.from(facts.body.subarray(0, PREFIX_BYTES));
  const hint = facts.signature.valid
    ? undefined
    : keepAll
      ? diagnose(facts.body, token, headers['x-salesloft-signature']).hint
      : `not diagnosed: the body is over ${INVALID_BODY_KEPT / 1024} KiB (only its first ${PREFIX_BYTES} bytes and its SHA-256 are kept)`;
  const parsed = keepAll ? parsedBody(body) : undefined;
  const forward = facts.forward ?? null;
  const row: InspectorRow = {
    key,
    version,
    id: facts.id,
    received_at: facts.received_at,
    event_type: facts.event_type,
    path: facts.path,
    size: facts.body.length,
    resource_id: resourceId(parsed),
    summary: summaryOf(parsed),
    signature: { valid: facts.signature.valid, reason: facts.signature.reason, ...(hint ? { hint } : {}) },
    forward: forward && { status: forward.status, ms: forward.ms, error: forward.error },
    link_swap: linkSwapVerdictOf(facts.link_swap),
    retry_of: facts.retry_of ?? null,
    replay_of: facts.replay_of ?? null,
    target: facts.target ?? null,
    body_kept: keepAll ? 'full' : 'prefix',
  };
  const sha256 = keepAll ? undefined : sha256Of(facts.body);
  const headerBytes = Object.entries(headers).reduce(
    (sum, [name, value]) => sum + name.length + value.length,
    0,
  );
  const responseBytes = (forward?.body?.length ?? 0) + JSON.stringify(forward?.headers ?? {}).length;
  return {
    row,
    headers,
    body,
    sha256,
    response: forward,
    bytes: 1024 + body.length + headerBytes + responseBytes,
  };
}

/** A verdict as the page may show it, or null: a recording's line is outside data. */
export function linkSwapVerdictOf(value: unknown): LinkSwapVerdict | null {
  if (!value || typeof value !== 'object') return null;
  const { valid, reason, links } = value as Record<string, unknown>;
  if (typeof valid !== 'boolean' || (reason !== null && typeof reason !== 'string')) return null;
  if (!links || typeof links !== 'object' || Array.isArray(links)) return null;
  const entries = Object.entries(links).filter(
    (pair): pair is [string, string] => typeof pair[1] === 'string',
  );
  return { valid, reason, links: Object.fromEntries(entries) };
}

export function detailOf(entry: Entry): InspectorDetail {
  const catalogEntry = entry.row.event_type ? findEventType(entry.row.event_type) : undefined;
  const response = entry.response;
  return {
    ...entry.row,
    headers: entry.headers,
    body_base64: entry.body.toString('base64'),
    body_sha256: entry.sha256 ?? sha256Of(entry.body),
    response:
      response && (response.headers || response.body)
        ? {
            headers: response.headers ?? {},
            body_text: (response.body ?? Buffer.alloc(0)).toString('utf8'),
            truncated: response.truncated ?? false,
          }
        : null,
    catalog: catalogEntry
      ? {
          resource: catalogEntry.resource,
          action: catalogEntry.action,
          description: catalogEntry.description,
          scopes: [...catalogEntry.scopes],
        }
      : null,
  };
}

/** The headers a replay sends: the delivery's own content type and x-salesloft-* headers, re-signed. */
export function replayHeaders(entry: Entry, body: Buffer, token: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(entry.headers)) {
    if (name === 'content-type' || name.startsWith('x-salesloft-')) headers[name] = value;
  }
  headers['content-type'] ??= 'application/json';
  headers['x-salesloft-signature'] = sign(body, token);
  const original = entry.row.id ?? entry.row.replay_of;
  if (original !== null) headers[REPLAY_HEADER] = String(original);
  return headers;
}

const HEREDOC = 'SALESLOFT_HOOKS_BODY';

/**
 * A curl command that sends exactly these bytes, signed with `token`, and that nothing in it can
 * act on when pasted into a terminal: the body travels as base64 in a quoted here-document
 * (`--data-binary @-` reads it from `base64 -d`), and every other value is quoted so that it
 * holds no control or non-ASCII byte. A body that starts with `@` cannot name a local file.
 */
export function curlCommand(entry: Entry, target: string, token: string): string {
  const base64 = entry.body.toString('base64').replace(/.{1,76}/g, '$&\n');
  const headers = replayHeaders(entry, entry.body, token);
  delete headers[REPLAY_HEADER];
  return [
    `base64 -d <<'${HEREDOC}' | curl -sS -X POST ${shellQuote(target)} \\`,
    ...Object.entries(headers).map(([name, value]) => `  -H ${shellQuote(`${name}: ${value}`)} \\`),
    '  --data-binary @-',
    `${base64}${HEREDOC}`,
  ].join('\n');
}

/** `'text'` when that is plain, else `$'...'` with every other byte as `\xNN`: inert on a terminal. */
export function shellQuote(text: string): string {
  if (/^[\w@%+=:,./ -]*$/.test(text)) return `'${text}'`;
  let quoted = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    quoted +=
      byte >= 0x20 && byte < 0x7f && byte !== 0x27 && byte !== 0x5c
        ? String.fromCharCode(byte)
        : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `$'${quoted}'`;
}

function sha256Of(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

function parsedBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  // A shape nested thousands deep is shown as text: nothing here walks it.
  if (nestedDeeperThan(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function resourceId(body: unknown): string | null {
  if (!body || typeof body !== 'object' || !('id' in body)) return null;
  const id = (body as { id: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 40) : null;
}

function summaryOf(body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const fields = body as Record<string, unknown>;
  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  const name = [text(fields.first_name), text(fields.last_name)].filter(Boolean).join(' ');
  const parts = [
    name || undefined,
    text(fields.name),
    text(fields.subject),
    text(fields.title),
    text(fields.email_address),
    text(fields.current_state),
  ];
  return parts
    .filter((part): part is string => part !== undefined)
    .slice(0, 2)
    .join(' · ')
    .slice(0, SUMMARY_CHARS);
}

function flatHeaders(headers: DeliveryFacts['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
