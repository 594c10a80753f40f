import { randomBytes } from 'node:crypto';

/** A fresh callback token: 32 random bytes, hex. */
export function generateToken(): string {
  return randomBytes(32).toString('hex');
}
