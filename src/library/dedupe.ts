/**
 * Where `Webhooks` remembers deliveries it has handled, to skip Salesloft's retries of them
 * (the same body and signature, sent again when an answer was lost or late). Implement it over
 * Redis (`SET key 1 PX ttl NX`) or a database table to share it between instances.
 */
export interface DedupeStore {
  /** Whether `key` was remembered and has not expired. */
  has(key: string): boolean | Promise<boolean>;
  /** Remembers `key` for `ttlMs`. */
  add(key: string, ttlMs: number): void | Promise<void>;
}

/** Salesloft retries three times, 15 s apart: a retry comes within a minute; keep five. */
export const DEDUPE_TTL_MS = 5 * 60_000;

/** The in-memory store: one process, at most `maxKeys` deliveries (the oldest are forgotten first). */
export class MemoryDedupeStore implements DedupeStore {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  has(key: string): boolean {
    const expiry = this.expiries.get(key);
    if (expiry === undefined) return false;
    if (expiry > this.now()) return true;
    this.expiries.delete(key);
    return false;
  }

  add(key: string, ttlMs: number): void {
    this.expiries.delete(key);
    this.expiries.set(key, this.now() + ttlMs);
    for (const oldest of this.expiries.keys()) {
      if (this.expiries.size <= this.maxKeys) break;
      this.expiries.delete(oldest);
    }
  }
}
