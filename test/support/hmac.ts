import { createHmac } from 'node:crypto';

/** The tests' own HMAC oracle, independent of src/signature.ts: hex HMAC (SHA-1 unless told) of the raw body. */
export function hmacHex(
  body: string | Uint8Array,
  key: string,
  algorithm: 'sha1' | 'sha256' = 'sha1',
): string {
  return createHmac(algorithm, key).update(body).digest('hex');
}
