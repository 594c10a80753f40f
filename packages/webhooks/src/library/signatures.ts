import { isCatalogEvent } from '../catalog/event-types.js';
import { diagnose, hasToken, sign, verify, verifyAsync } from '../catalog/signature.js';
import { firstHeader } from '../shared/headers.js';
import { MAX_SIGNATURE_VALUES, PayloadError, SignatureError, TooManySignaturesError } from './errors.js';
import type { WebhookEvent } from './events.js';
import { type HeadersInput, headerValue } from './headers.js';

export { SignatureError } from './errors.js';

type Body = string | Uint8Array;
/** One token, or several while rotating (any may match). An empty or blank token never verifies. */
export interface TokenInput {
  token?: string | undefined;
  tokens?: readonly string[] | undefined;
}
/** The `x-salesloft-signature` value as Node's `req.headers` types it. */
type SignatureInput = string | readonly string[] | null | undefined;

/** The tokens to try, without the empty or blank ones (an unset variable must not sign for anyone). */
function tokensOf(input: TokenInput): string[] {
  if (input.tokens === undefined)
    return input.token !== undefined && hasToken(input.token) ? [input.token] : [];
  return [...(input.token === undefined ? [] : [input.token]), ...input.tokens].filter(hasToken);
}

/**
 * The signature values of a request: a header repeated (Node's array) or folded into one
 * comma-separated value (Fetch's Headers) gives several. None: `[undefined]`.
 */
function signaturesOf(signature: SignatureInput): (string | undefined)[] {
  if (signature === null || signature === undefined) return [undefined];
  if (typeof signature === 'string' && !signature.includes(',')) {
    const value = signature.trim();
    return [value === '' ? undefined : value];
  }
  const values = (typeof signature === 'string' ? [signature] : [...signature])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
  return values.length === 0 ? [undefined] : values;
}

type Verdict = ReturnType<typeof verify>;

/** What to try when no token is set: the empty one, which never verifies, for the reason it gives. */
const NO_TOKEN = [''];

/** The verdict to report: a mismatch says more than a missing value. */
function worse(current: Verdict, next: Verdict): Verdict {
  return current.reason === 'missing' || next.reason === 'mismatch' ? next : current;
}

/** The verdict when no (token, signature value) pair matches, before any is tried. */
function noMatch(tokens: readonly string[]): Verdict {
  return { valid: false, reason: tokens.length === 0 ? 'mismatch' : 'missing' };
}

/** Valid if any token and any signature value match; else the most telling reason. */
function verdictOf(body: Body, input: TokenInput, values: readonly (string | undefined)[]): Verdict {
  if (values.length > MAX_SIGNATURE_VALUES) return { valid: false, reason: 'malformed' };
  const tokens = tokensOf(input);
  let verdict = noMatch(tokens);
  for (const value of values) {
    for (const token of tokens.length === 0 ? NO_TOKEN : tokens) {
      const next = verify(body, token, value);
      if (next.valid) return next;
      verdict = worse(verdict, next);
    }
  }
  return verdict;
}

/** `verdictOf` on Web Crypto where there is no node:crypto. */
async function verdictOfAsync(
  body: Body,
  input: TokenInput,
  values: readonly (string | undefined)[],
): Promise<Verdict> {
  if (values.length > MAX_SIGNATURE_VALUES) return { valid: false, reason: 'malformed' };
  const tokens = tokensOf(input);
  let verdict = noMatch(tokens);
  for (const value of values) {
    for (const token of tokens.length === 0 ? NO_TOKEN : tokens) {
      const next = await verifyAsync(body, token, value);
      if (next.valid) return next;
      verdict = worse(verdict, next);
    }
  }
  return verdict;
}

/** Signature values of a delivery, refused when there are more than a delivery carries (each costs an HMAC per token). */
function countedSignatures(headers: HeadersInput): (string | undefined)[] {
  const values = signaturesOf(headerValue(headers, 'x-salesloft-signature'));
  if (values.length > MAX_SIGNATURE_VALUES) throw new TooManySignaturesError(values.length);
  return values;
}

/**
 * True when `signature` (the `x-salesloft-signature` header, as Node types it) is the HMAC-SHA1 of
 * the raw `body` under `token`, or under any of `tokens` (rotation).
 */
export function verifySignature(input: TokenInput & { body: Body; signature: SignatureInput }): boolean {
  return verdictOf(input.body, input, signaturesOf(input.signature)).valid;
}

/** `verifySignature` for any runtime: Web Crypto where there is no node:crypto (edge runtimes). */
export async function verifySignatureAsync(
  input: TokenInput & { body: Body; signature: SignatureInput },
): Promise<boolean> {
  return (await verdictOfAsync(input.body, input, signaturesOf(input.signature))).valid;
}

/**
 * Verifies a delivery and returns it typed: `{ eventType, payload, raw }`. Throws `SignatureError`
 * (answer 401) when the signature does not verify, `PayloadError` (400) when the body is not a
 * JSON object or `x-salesloft-event` is missing. `headers`: Node's `req.headers`, a Fetch `Headers`
 * or a plain object.
 */
export function verifyWebhook(input: TokenInput & { body: Body; headers: HeadersInput }): WebhookEvent {
  const verdict = verdictOf(input.body, input, countedSignatures(input.headers));
  if (!verdict.valid) throw new SignatureError(verdict.reason ?? 'mismatch');
  return parseDelivery(input.body, input.headers);
}

/** `verifyWebhook` for any runtime: Web Crypto where there is no node:crypto (edge runtimes). */
export async function verifyWebhookAsync(
  input: TokenInput & { body: Body; headers: HeadersInput },
): Promise<WebhookEvent> {
  const verdict = await verdictOfAsync(input.body, input, countedSignatures(input.headers));
  if (!verdict.valid) throw new SignatureError(verdict.reason ?? 'mismatch');
  return parseDelivery(input.body, input.headers);
}

let decoder: InstanceType<typeof TextDecoder> | undefined;
/** One decoder for every delivery: making one costs more than decoding a delivery. */
function utf8(): InstanceType<typeof TextDecoder> {
  decoder ??= new TextDecoder();
  return decoder;
}

function parseDelivery(body: Body, headers: HeadersInput): WebhookEvent {
  const eventType = firstHeader(headerValue(headers, 'x-salesloft-event'))?.trim();
  if (!eventType) throw new PayloadError('Delivery has no x-salesloft-event header');
  const raw = typeof body === 'string' ? body : utf8().decode(body);
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch (error) {
    throw new PayloadError('Delivery body is not JSON', { cause: error });
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new PayloadError('Delivery body is not a JSON object');
  }
  return { known: isCatalogEvent(eventType), eventType, payload, raw } as WebhookEvent;
}

/** The `x-salesloft-signature` value Salesloft sends for `body`: lowercase hex HMAC-SHA1 keyed with `token`. */
export function signPayload(input: { body: Body; token: string }): string {
  return sign(input.body, input.token);
}

/**
 * Why a signature does not verify: `reason` (missing, malformed, mismatch) and, when a known
 * mistake explains it, a `hint` (SHA-256, a re-serialized body, another of `tokens`, ...).
 * The first of `tokens` is the one that should match.
 */
export function diagnoseSignature(input: {
  body: Body;
  signature: string | null | undefined;
  tokens: readonly string[];
}): { valid: boolean; reason: string | null; hint?: string } {
  const [token = '', ...others] = input.tokens;
  const { valid, reason, hint } = diagnose(input.body, token, input.signature ?? undefined, {
    otherTokens: others,
  });
  return hint === undefined ? { valid, reason } : { valid, reason, hint };
}

/**
 * Verifies a Fetch API `Request` (Next.js route handlers, Hono, Bun, Deno, Workers): reads the raw
 * body once, checks `x-salesloft-signature`, and returns the event type and the parsed body
 * (`null` when it is not JSON). Throws `SignatureError` when the signature does not verify.
 * Kept from 0.2; `createFetchHandler` and `verifyWebhookAsync` are the typed way.
 */
export async function verifyRequest(
  request: Request,
  token: string,
): Promise<{ eventType: string | null; body: unknown; raw: string }> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  const verdict = await verifyAsync(bytes, token, request.headers.get('x-salesloft-signature') ?? undefined);
  if (!verdict.valid) throw new SignatureError(verdict.reason ?? 'mismatch');
  const raw = new TextDecoder().decode(bytes);
  let body: unknown = null;
  try {
    body = JSON.parse(raw);
  } catch {
    // Not JSON: `raw` has it as it came.
  }
  return { eventType: request.headers.get('x-salesloft-event'), body, raw };
}
