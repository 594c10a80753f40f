import { createHash } from 'node:crypto';

const WINDOW_MS = 60_000;

/**
 * Recognises Salesloft's retries: the same event type, body and signature within 60 s of an
 * earlier delivery. A repeat of a body with another signature is not a retry (a forgery copying a
 * real delivery's body is shown as what it is).
 */
export class RetryTracker {
  private readonly seen = new Map<string, { id: number; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The id of the delivery this one repeats, if any; remembers this one either way. */
  check(
    id: number,
    eventType: string | null,
    body: Uint8Array,
    signature: string | undefined,
    valid = false,
  ): number | undefined {
    const at = this.now();
    this.forgetBefore(at - WINDOW_MS);
    const given = (signature ?? '').trim().toLowerCase();
    // A valid signature is already an HMAC of the body: it alone tells the body and the signature.
    const fingerprint = valid ? given : `${createHash('sha1').update(body).digest('base64')}\0${given}`;
    const key = `${eventType ?? ''}\0${fingerprint}`;
    const earlier = this.seen.get(key);
    if (earlier) {
      // Move it to the end so the map stays ordered by time and older entries still expire.
      this.seen.delete(key);
      this.seen.set(key, { id: earlier.id, at });
      return earlier.id;
    }
    this.seen.set(key, { id, at });
    return undefined;
  }

  private forgetBefore(limit: number): void {
    // Map keeps insertion order, which is time order (a refreshed entry moves to the end): stop at the first recent one.
    for (const [key, entry] of this.seen) {
      if (entry.at >= limit) break;
      this.seen.delete(key);
    }
  }
}
