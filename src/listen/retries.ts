import { createHash } from 'node:crypto';

const WINDOW_MS = 60_000;

/** Recognises Salesloft's retries: the same event type and body within 60 s of an earlier delivery. */
export class RetryTracker {
  private readonly seen = new Map<string, { id: number; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The id of the delivery this one repeats, if any; remembers this one either way. */
  check(id: number, eventType: string | null, body: Uint8Array): number | undefined {
    const at = this.now();
    this.forgetBefore(at - WINDOW_MS);
    const key = createHash('sha1')
      .update(eventType ?? '')
      .update('\0')
      .update(body)
      .digest('base64');
    const earlier = this.seen.get(key);
    if (earlier) {
      earlier.at = at;
      return earlier.id;
    }
    this.seen.set(key, { id, at });
    return undefined;
  }

  private forgetBefore(limit: number): void {
    // Map keeps insertion order, and entries are refreshed in place, so stop at the first recent one.
    for (const [key, entry] of this.seen) {
      if (entry.at >= limit) break;
      this.seen.delete(key);
    }
  }
}
