/** What a claim found: nobody had the delivery (run it), a copy is running (409), or it was handled (200). */
export type ClaimResult = 'claimed' | 'running' | 'done';

/**
 * Where `Webhooks` keeps the deliveries it is handling and has handled, so Salesloft's retries
 * (the same bytes again, when an answer was late or lost) never run a handler twice at once and
 * never skip a delivery that failed. `createRedisDedupeStore` shares one between instances.
 *
 * - `claim(key, ttlMs)` is atomic: the first caller gets `'claimed'` and runs the handlers; a copy
 *   that arrives meanwhile gets `'running'` (answered 409: Salesloft retries later); one after
 *   success gets `'done'` (answered 200, handlers not run). A claim lapses after `ttlMs`, so a
 *   process that died mid-handler does not block the retries for ever.
 * - `complete(key, ttlMs)` marks it handled, remembered for `ttlMs`.
 * - `release(key)` gives the claim back after a failure: the retry runs the handlers.
 */
export interface DedupeStore {
  claim(key: string, ttlMs: number): ClaimResult | Promise<ClaimResult>;
  complete(key: string, ttlMs: number): void | Promise<void>;
  release(key: string): void | Promise<void>;
}

/** Salesloft retries three times, 15 s apart: a retry comes within a minute; remember five. */
export const DEDUPE_TTL_MS = 5 * 60_000;
/** How long a running delivery holds its claim: longer than a handler should run, shorter than the retries. */
export const DEDUPE_CLAIM_MS = 60_000;

/** The in-memory store: one process, at most `maxKeys` deliveries (the oldest are forgotten first). */
export class MemoryDedupeStore implements DedupeStore {
  private readonly entries = new Map<string, { state: 'running' | 'done'; expiresAt: number }>();

  constructor(
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  claim(key: string, ttlMs: number): ClaimResult {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > this.now()) return entry.state;
    this.set(key, 'running', ttlMs);
    return 'claimed';
  }

  complete(key: string, ttlMs: number): void {
    this.set(key, 'done', ttlMs);
  }

  release(key: string): void {
    if (this.entries.get(key)?.state === 'running') this.entries.delete(key);
  }

  private set(key: string, state: 'running' | 'done', ttlMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, { state, expiresAt: this.now() + ttlMs });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxKeys) break;
      this.entries.delete(oldest);
    }
  }
}
