/** How long to wait after a 429: `Retry-After` when given, else until the server's next minute. */
export function rateLimitWaitMs(
  headers: { retryAfter?: string | undefined; date?: string | undefined },
  options: { jitterMs: number; random: () => number; localNow: number },
): { ms: number; why: string } {
  const jitter = Math.round(options.random() * options.jitterMs);
  const serverNow = parseDate(headers.date) ?? options.localNow;
  const retryAfter = parseRetryAfter(headers.retryAfter, serverNow);
  if (retryAfter !== undefined) return { ms: retryAfter + jitter, why: 'as Salesloft asked (Retry-After)' };
  // Date has one-second resolution: the boundary may be up to a second nearer than computed, never further.
  return { ms: msToNextMinute(serverNow) + 250 + jitter, why: "for Salesloft's next rate-limit minute" };
}

export function parseRetryAfter(value: string | undefined, serverNow: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - serverNow);
}

export function msToNextMinute(epochMs: number): number {
  return 60_000 - (epochMs % 60_000);
}

function parseDate(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

const MAX_SPACING_MS = 2_000;

/**
 * Slows requests down before the budget runs out: once `x-ratelimit-remaining-minute` is low,
 * spreads the remaining requests over what is left of the server's minute (at most 2 s apart),
 * and with nothing left waits for the next minute rather than collecting a 429.
 */
export class RateGovernor {
  private remaining: number | undefined;
  private serverNowAtReceipt = 0;
  private receivedAt = 0;

  constructor(
    private readonly lowWater: number,
    private readonly localNow: () => number = Date.now,
  ) {}

  observe(remainingHeader: string | undefined, dateHeader: string | undefined): void {
    const remaining = remainingHeader === undefined ? Number.NaN : Number(remainingHeader);
    if (Number.isNaN(remaining)) return;
    this.remaining = remaining;
    this.receivedAt = this.localNow();
    this.serverNowAtReceipt = parseDate(dateHeader) ?? this.receivedAt;
  }

  /** Milliseconds to wait before the next request (0 when the budget is comfortable). */
  delayMs(): number {
    if (this.remaining === undefined || this.remaining >= this.lowWater) return 0;
    const serverNow = this.serverNowAtReceipt + (this.localNow() - this.receivedAt);
    // A new minute since the last answer: the budget has been refilled.
    if (Math.floor(serverNow / 60_000) !== Math.floor(this.serverNowAtReceipt / 60_000)) return 0;
    const untilRefill = msToNextMinute(serverNow);
    if (this.remaining <= 0) return untilRefill + 250;
    return Math.round(Math.min(untilRefill / this.remaining, MAX_SPACING_MS));
  }
}
