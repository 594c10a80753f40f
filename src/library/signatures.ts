import { diagnose, sign, verify } from '../catalog/signature.js';

type Body = string | Uint8Array;

/** True when `signature` (the `x-salesloft-signature` header) is the HMAC-SHA1 of the raw `body` under `token`. */
export function verifySignature(input: {
  body: Body;
  token: string;
  signature: string | null | undefined;
}): boolean {
  return verify(input.body, input.token, input.signature ?? undefined).valid;
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

/** Thrown by `verifyRequest` when the signature does not verify; `reason` says why. */
export class SignatureError extends Error {
  constructor(readonly reason: 'missing' | 'malformed' | 'mismatch') {
    super(
      `Salesloft signature ${reason === 'missing' ? 'is missing' : reason === 'malformed' ? 'is malformed' : 'does not match'}`,
    );
    this.name = 'SignatureError';
  }
}

/**
 * Verifies a Fetch API `Request` (Next.js route handlers, Hono, Bun, Deno, Workers): reads the raw
 * body once, checks `x-salesloft-signature`, and returns the event type and the parsed body
 * (`null` when it is not JSON). Throws `SignatureError` when the signature does not verify.
 */
export async function verifyRequest(
  request: Request,
  token: string,
): Promise<{ eventType: string | null; body: unknown; raw: string }> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  const verdict = verify(bytes, token, request.headers.get('x-salesloft-signature') ?? undefined);
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
