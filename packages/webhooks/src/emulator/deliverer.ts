import { judgeLinkSwapAnswer, type LinkSwapVerdict, linksSent } from '../catalog/link-swap.js';
import { deliveryHeaders } from '../catalog/signature.js';
import { networkReason } from '../net/errors.js';
import { ANSWER_READ_LIMIT, createPoster } from '../net/post.js';
import type { Subscription } from '../salesloft/types.js';
import { isLoopbackUrl } from '../shared/loopback.js';

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  status: number | null;
  error: string | null;
  ms: number;
  /** link_swap: what the answer would do to the email (the links replaced), or why it cannot be used. */
  link_swap?: LinkSwapVerdict;
}

export interface DeliveryRecord {
  id: number;
  event_type: string;
  subscription_id: number;
  callback_url: string;
  state: 'pending' | 'delivered' | 'failed' | 'skipped';
  attempts: DeliveryAttempt[];
  /** Why no attempt was made (a callback host that is not this machine's, without --deliver-anywhere). */
  skipped?: string;
}

export interface DelivererOptions {
  /** Retries after the first attempt (Salesloft: 3). */
  retries: number;
  /** Wait between attempts (Salesloft: 15 s). */
  retryIntervalMs: number;
  /** An answer slower than this counts as a failure. */
  timeoutMs: number;
  now: () => number;
  /** Deliver to any callback host; otherwise only to loopback ones (localhost, 127.0.0.0/8, ::1). */
  deliverAnywhere?: boolean;
  onAttempt?: (record: DeliveryRecord, attempt: DeliveryAttempt) => void;
  onSkipped?: (record: DeliveryRecord) => void;
}

const HISTORY_LIMIT = 10_000;

/** Salesloft's side of a delivery: a signed POST, retried on a non-2xx answer or none in time. */
export class Deliverer {
  readonly records: DeliveryRecord[] = [];
  private nextId = 1;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;
  private readonly poster = createPoster();

  constructor(private readonly options: DelivererOptions) {}

  /** Starts delivering `body` to each subscription; returns their records at once. */
  deliver(eventType: string, body: Buffer, subscriptions: readonly Subscription[]): DeliveryRecord[] {
    return subscriptions.map((subscription) => {
      const record: DeliveryRecord = {
        id: this.nextId++,
        event_type: eventType,
        subscription_id: subscription.id,
        callback_url: subscription.callback_url,
        state: 'pending',
        attempts: [],
      };
      this.records.push(record);
      if (this.records.length > HISTORY_LIMIT) this.records.splice(0, this.records.length - HISTORY_LIMIT);
      if (!this.options.deliverAnywhere && !isLoopbackUrl(subscription.callback_url)) {
        record.state = 'skipped';
        record.skipped =
          'callback host is not a loopback address (start the emulator with --deliver-anywhere)';
        this.options.onSkipped?.(record);
        return record;
      }
      this.track(this.attempt(record, subscription, body));
      return record;
    });
  }

  /** Resolves when no attempt is in flight or scheduled. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0 || this.timers.size > 0) {
      await Promise.race([...this.inFlight, new Promise((resolve) => setTimeout(resolve, 20))]);
    }
  }

  close(): void {
    this.closed = true;
    this.poster.close();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private track(promise: Promise<void>): void {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
  }

  private async attempt(record: DeliveryRecord, subscription: Subscription, body: Buffer): Promise<void> {
    if (this.closed) return;
    const started = performance.now();
    const attempt: DeliveryAttempt = {
      attempt: record.attempts.length + 1,
      at: new Date(this.options.now()).toISOString(),
      status: null,
      error: null,
      ms: 0,
    };
    try {
      const answer = await this.poster.post(
        subscription.callback_url,
        body,
        deliveryHeaders(record.event_type, body, subscription.callback_token),
        this.options.timeoutMs,
      );
      attempt.status = answer.status;
      if (record.event_type === 'link_swap') {
        attempt.link_swap = judgeLinkSwapAnswer(linksSent(body), {
          ...answer.response,
          status: answer.status,
          limit: ANSWER_READ_LIMIT,
        });
      }
    } catch (error) {
      attempt.error = networkReason(error, this.options.timeoutMs);
    }
    attempt.ms = Math.round(performance.now() - started);
    record.attempts.push(attempt);
    const ok = attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
    if (ok) record.state = 'delivered';
    else if (record.attempts.length > this.options.retries || this.closed) record.state = 'failed';
    this.options.onAttempt?.(record, attempt);
    if (record.state !== 'pending') return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.track(this.attempt(record, subscription, body));
    }, this.options.retryIntervalMs);
    this.timers.add(timer);
  }
}
