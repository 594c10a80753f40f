import type * as NodeCrypto from 'node:crypto';
import { nestedDeeperThan } from '../shared/json-depth.js';
import { maskToken } from '../shared/text.js';

let loadedCrypto: typeof NodeCrypto | null | undefined;

/**
 * node:crypto where the runtime has it (Node, Bun, Deno), else null (an edge runtime: Workers,
 * Vercel Edge). Taken with `process.getBuiltinModule` rather than imported, so the library loads
 * where there is no node:crypto and verifies there with Web Crypto (`verifyAsync`).
 */
export function nodeCrypto(): typeof NodeCrypto | null {
  loadedCrypto ??=
    (globalThis.process?.getBuiltinModule?.('node:crypto') as typeof NodeCrypto | undefined) ?? null;
  return loadedCrypto;
}

function requireNodeCrypto(): typeof NodeCrypto {
  const crypto = nodeCrypto();
  if (!crypto) throw new Error('node:crypto is not available here: use the async verification (Web Crypto)');
  return crypto;
}

/** The one HMAC of the project: hex HMAC-SHA1 of the raw body, keyed with the callback token. */
export function sign(body: Uint8Array | string, token: string): string {
  return requireNodeCrypto().createHmac('sha1', token).update(body).digest('hex');
}

/** The headers Salesloft sends with a delivery (the only documented ones), the signature given as is. */
export function deliveryHeadersWith(
  eventType: string,
  signature: string | undefined,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-salesloft-event': eventType,
    ...(signature === undefined ? {} : { 'x-salesloft-signature': signature }),
  };
}

/** The headers Salesloft sends with a delivery of `body`, signed with `token`. */
export function deliveryHeaders(
  eventType: string,
  body: Uint8Array | string,
  token: string,
): Record<string, string> {
  return deliveryHeadersWith(eventType, sign(body, token));
}

export type SignatureReason = 'missing' | 'malformed' | 'mismatch';

export interface SignatureVerdict {
  valid: boolean;
  /** Why it is invalid; `null` when valid. */
  reason: SignatureReason | null;
}

const SHA1_HEX = /^[0-9a-f]{40}$/i;

/** Constant-time check of a received `x-salesloft-signature` value. */
export function verify(
  body: Uint8Array | string,
  token: string,
  signature: string | undefined,
): SignatureVerdict {
  if (signature === undefined || signature.trim() === '') return { valid: false, reason: 'missing' };
  // Fail closed: an empty HMAC key (an unset variable) signs for anyone who knows that.
  if (!hasToken(token)) return { valid: false, reason: 'mismatch' };
  const received = signature.trim();
  if (!SHA1_HEX.test(received)) return { valid: false, reason: 'malformed' };
  const crypto = requireNodeCrypto();
  const expected = crypto.createHmac('sha1', token).update(body).digest();
  const actual = Buffer.from(received, 'hex');
  return crypto.timingSafeEqual(expected, actual)
    ? { valid: true, reason: null }
    : { valid: false, reason: 'mismatch' };
}

/**
 * `verify` for any runtime: node:crypto where there is one, else Web Crypto's HMAC-SHA1
 * (`crypto.subtle`, in every browser-like runtime), compared in constant time.
 */
export async function verifyAsync(
  body: Uint8Array | string,
  token: string,
  signature: string | undefined,
): Promise<SignatureVerdict> {
  if (nodeCrypto()) return verify(body, token, signature);
  if (signature === undefined || signature.trim() === '') return { valid: false, reason: 'missing' };
  if (!hasToken(token)) return { valid: false, reason: 'mismatch' };
  const received = signature.trim().toLowerCase();
  if (!SHA1_HEX.test(received)) return { valid: false, reason: 'malformed' };
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('neither node:crypto nor Web Crypto is available to verify signatures');
  const encoder = new TextEncoder();
  const key = await subtle.importKey('raw', encoder.encode(token), { name: 'HMAC', hash: 'SHA-1' }, false, [
    'sign',
  ]);
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  const mac = new Uint8Array(await subtle.sign('HMAC', key, bytes as Uint8Array<ArrayBuffer>));
  let difference = 0;
  for (let index = 0; index < mac.length; index += 1) {
    difference |= (mac[index] ?? 0) ^ Number.parseInt(received.slice(index * 2, index * 2 + 2), 16);
  }
  return difference === 0 ? { valid: true, reason: null } : { valid: false, reason: 'mismatch' };
}

/** A usable callback token: a string with something in it besides white space. */
export function hasToken(token: unknown): token is string {
  return typeof token === 'string' && token.trim() !== '';
}

export interface Diagnosis extends SignatureVerdict {
  /** The signature Salesloft would have sent for this body and token (absent when valid). */
  expected?: string;
  /** What probably went wrong, when a known mistake explains the signature. */
  hint?: string;
}

export interface DiagnoseOptions {
  /** Other tokens the signature might have been made with (another subscription's, an old one). */
  otherTokens?: readonly string[];
}

/** Verifies, and when invalid explains the most likely cause. Slower than `verify`: for humans, not hot paths. */
export function diagnose(
  body: Uint8Array | string,
  token: string,
  signature: string | undefined,
  options: DiagnoseOptions = {},
): Diagnosis {
  const verdict = verify(body, token, signature);
  if (verdict.valid) return verdict;
  if (!hasToken(token)) {
    return {
      ...verdict,
      hint: 'no callback token to check against (empty or blank): nothing verifies without one',
    };
  }
  const expected = sign(body, token);
  if (verdict.reason === 'missing') {
    return { ...verdict, expected, hint: 'no x-salesloft-signature value was given' };
  }
  const hint = explainMismatch(
    body,
    token,
    (signature ?? '').trim().toLowerCase(),
    options.otherTokens ?? [],
  );
  return hint ? { ...verdict, expected, hint } : { ...verdict, expected };
}

function explainMismatch(
  body: Uint8Array | string,
  token: string,
  received: string,
  otherTokens: readonly string[],
): string | undefined {
  const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
  if (received === hmacHex('sha256', bytes, token)) {
    return 'matches HMAC-SHA256 of the body: Salesloft uses HMAC-SHA1 (40 hex digits)';
  }
  const prefixed = /^(sha1|sha256)=(.*)$/.exec(received);
  if (prefixed?.[2] !== undefined && prefixed[2] === sign(bytes, token)) {
    return `drop the "${prefixed[1]}=" prefix: Salesloft sends the bare hex digest`;
  }
  if (/^[0-9a-f]{64}$/.test(received))
    return '64 hex digits looks like SHA-256: Salesloft uses HMAC-SHA1 (40 hex digits)';
  if (received === hmacHex('sha1', bytes, token.trim()) && token !== token.trim()) {
    return 'matches the token without its surrounding whitespace';
  }
  for (const variant of reserializations(bytes)) {
    if (received === sign(variant.bytes, token)) {
      return `body looks re-serialized: the signature matches the ${variant.label}; verify the raw bytes as received`;
    }
  }
  const other = otherTokens.find((candidate) => candidate !== token && sign(bytes, candidate) === received);
  if (other !== undefined) {
    return `matches another token (${maskToken(other)}): the subscription was made with a different token`;
  }
  return undefined;
}

/** Hex HMAC of `body` (SHA-1 is what Salesloft sends; SHA-256 for diagnosis and doctor's forgeries). */
export function hmacHex(algorithm: 'sha1' | 'sha256', body: Uint8Array, token: string): string {
  return requireNodeCrypto().createHmac(algorithm, token).update(body).digest('hex');
}

/** Ways a proxy or framework commonly rewrites a JSON body before the handler sees it. */
function reserializations(bytes: Buffer): { label: string; bytes: string }[] {
  const text = bytes.toString('utf8');
  const variants: { label: string; bytes: string }[] = [];
  if (text.endsWith('\n'))
    variants.push({ label: 'body without its trailing newline', bytes: text.replace(/\r?\n$/, '') });
  else variants.push({ label: 'body with a trailing newline', bytes: `${text}\n` });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return variants;
  }
  // Re-encoding walks the value: a forged body nested thousands deep would overflow the stack.
  if (nestedDeeperThan(text)) return variants;
  variants.push(
    { label: 'JSON re-encoded compactly', bytes: JSON.stringify(parsed) },
    { label: 'JSON re-encoded with 2-space indentation', bytes: JSON.stringify(parsed, null, 2) },
    { label: 'JSON re-encoded with sorted keys', bytes: JSON.stringify(sortKeys(parsed)) },
  );
  return variants.filter((variant) => variant.bytes !== text);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, inner]) => [key, sortKeys(inner)]),
    );
  }
  return value;
}
