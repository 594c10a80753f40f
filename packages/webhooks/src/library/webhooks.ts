import type { EventType } from '../catalog/event-types.js';
import type { LinkSwapAnswer } from '../catalog/link-swap.js';
import { hasToken, nodeCrypto } from '../catalog/signature.js';
import { DEDUPE_CLAIM_MS, DEDUPE_TTL_MS, type DedupeStore, MemoryDedupeStore } from './dedupe.js';
import {
  type BodyConsumedError,
  DeliveryInProgressError,
  HandlerError,
  PayloadTooLargeError,
} from './errors.js';
import type { AnyWebhookEvent, WebhookHandler } from './events.js';
import type { HeadersInput } from './headers.js';
import { type TokenInput, verifyWebhook, verifyWebhookAsync } from './signatures.js';

export interface WebhooksOptions extends TokenInput {
  /** Larger bodies are refused with 413 before they are verified (default 5 MiB). */
  maxBodyBytes?: number;
  /**
   * Never run a delivery's handlers twice at once, nor again after they succeeded (Salesloft's
   * retries): `true` for the in-memory store, or a shared one (`createRedisDedupeStore`).
   */
  dedupe?: boolean | DedupeStore;
  /** How long a handled delivery is remembered (default five minutes). */
  dedupeTtlMs?: number;
  /** How long a running delivery holds its claim (default one minute). */
  dedupeClaimMs?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * The receiver, after Octokit's: `on` registers handlers by event type, `receive` verifies a
 * delivery, parses it and calls the handlers of its type and those of `'*'` (which also get types
 * newer than this library). A handler that throws makes `receive` reject with a `HandlerError`
 * (answer 500: Salesloft retries), after the `onError` handlers have seen it.
 */
export class Webhooks {
  readonly maxBodyBytes: number;
  private readonly tokens: TokenInput;
  private readonly handlers = new Map<string, WebhookHandler<EventType>[]>();
  private readonly errorHandlers: ((error: HandlerError | BodyConsumedError) => unknown)[] = [];
  private readonly dedupe: DedupeStore | undefined;
  private readonly dedupeTtlMs: number;
  private readonly dedupeClaimMs: number;

  constructor(options: WebhooksOptions) {
    if (![options.token, ...(options.tokens ?? [])].some(hasToken)) {
      throw new TypeError(
        'Webhooks needs a callback token (`token`) or tokens (`tokens`), not empty or blank',
      );
    }
    this.tokens = { token: options.token, tokens: options.tokens };
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.dedupe = options.dedupe === true ? new MemoryDedupeStore() : options.dedupe || undefined;
    this.dedupeTtlMs = options.dedupeTtlMs ?? DEDUPE_TTL_MS;
    this.dedupeClaimMs = options.dedupeClaimMs ?? DEDUPE_CLAIM_MS;
  }

  on<T extends EventType>(type: T | readonly T[], handler: WebhookHandler<T>): void;
  on(type: '*', handler: (event: AnyWebhookEvent) => unknown): void;
  on(type: string | readonly string[], handler: WebhookHandler<never>): void {
    for (const name of typeof type === 'string' ? [type] : type) {
      const list = this.handlers.get(name) ?? [];
      list.push(handler as WebhookHandler<EventType>);
      this.handlers.set(name, list);
    }
  }

  /** Called when a handler threw (`HandlerError`), or a body parser read the body first (`BodyConsumedError`). */
  onError(handler: (error: HandlerError | BodyConsumedError) => unknown): void {
    this.errorHandlers.push(handler);
  }

  /** Hands an error to the `onError` handlers (the adapters call it for a body read before them). */
  async reportError(error: HandlerError | BodyConsumedError): Promise<void> {
    await Promise.allSettled(this.errorHandlers.map(async (handler) => handler(error)));
  }

  /**
   * Verifies, parses and dispatches one delivery. Rejects with `SignatureError` (401),
   * `PayloadError` (400), `PayloadTooLargeError` (413) or `HandlerError` (500); `status` on each says
   * what to answer. A retry of a delivery already handled is skipped when `dedupe` is on.
   * Resolves to the answer Salesloft waits for on a `link_swap` (the links its handlers returned,
   * merged; `{ links: {} }` for none), and to undefined for every other type.
   */
  async receive(input: {
    body: string | Uint8Array;
    headers: HeadersInput;
  }): Promise<LinkSwapAnswer | undefined> {
    return this.process(input);
  }

  /**
   * `receive` for the adapters, synchronous while nothing needs to wait: with node:crypto, no dedupe
   * store and handlers that return no promise, it verifies, dispatches and returns (or throws) at
   * once; otherwise it returns the promise `receive` would. The extra awaits cost more than the HMAC.
   * @internal
   */
  process(input: {
    body: string | Uint8Array;
    headers: HeadersInput;
  }): LinkSwapAnswer | undefined | Promise<LinkSwapAnswer | undefined> {
    const size = typeof input.body === 'string' ? byteLength(input.body) : input.body.length;
    if (size > this.maxBodyBytes) throw new PayloadTooLargeError(this.maxBodyBytes);
    if (this.dedupe || !nodeCrypto()) return this.receiveAsync(input);
    const event = verifyWebhook({ ...this.tokens, body: input.body, headers: input.headers });
    const results: unknown[] = [];
    const errors: unknown[] = [];
    let waiting = false;
    for (const handler of this.handlersOf(event.eventType)) {
      try {
        const result = handler(event);
        waiting ||= isThenable(result);
        results.push(result);
      } catch (error) {
        errors.push(error);
      }
    }
    if (waiting) return this.settle(event.eventType, results, errors);
    return this.outcome(event.eventType, results, errors);
  }

  private handlersOf(eventType: string): WebhookHandler<EventType>[] {
    const own = this.handlers.get(eventType);
    const any = this.handlers.get('*');
    return own && any ? [...own, ...any] : (own ?? any ?? []);
  }

  /** Handlers' promises awaited, then the same outcome as the synchronous path. */
  private async settle(
    eventType: string,
    results: readonly unknown[],
    errors: readonly unknown[],
  ): Promise<LinkSwapAnswer | undefined> {
    const settled = await Promise.allSettled(results);
    const failed = [...errors, ...settled.flatMap((one) => (one.status === 'rejected' ? [one.reason] : []))];
    const values = settled.map((one) => (one.status === 'fulfilled' ? one.value : undefined));
    return this.outcome(eventType, values, failed);
  }

  /** What a dispatch comes to: the link_swap answer, undefined, or a HandlerError after onError saw it. */
  private outcome(
    eventType: string,
    results: readonly unknown[],
    errors: readonly unknown[],
  ): LinkSwapAnswer | undefined | Promise<never> {
    if (errors.length > 0) {
      const error = new HandlerError(errors, eventType);
      if (this.errorHandlers.length === 0) throw error;
      return this.reportError(error).then(() => {
        throw error;
      });
    }
    return eventType === 'link_swap' ? mergedLinks(results) : undefined;
  }

  /** The whole path with every wait: Web Crypto, or a dedupe store. */
  private async receiveAsync(input: {
    body: string | Uint8Array;
    headers: HeadersInput;
  }): Promise<LinkSwapAnswer | undefined> {
    const event = await verifyWebhookAsync({ ...this.tokens, body: input.body, headers: input.headers });
    const linkSwap = event.eventType === 'link_swap';
    const store = this.dedupe;
    const key = store ? await dedupeKey(event.eventType, input.body) : undefined;
    if (store && key !== undefined) {
      const claim = await store.claim(key, this.dedupeClaimMs);
      if (claim === 'running') throw new DeliveryInProgressError();
      if (claim === 'done') return linkSwap ? { links: {} } : undefined;
    }
    const handlers = this.handlersOf(event.eventType);
    const outcomes = await Promise.allSettled(handlers.map(async (handler) => handler(event)));
    const errors = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    if (errors.length > 0) {
      // The claim goes back first: Salesloft's retry must run, whatever onError does.
      if (store && key !== undefined) await store.release(key);
      const error = new HandlerError(errors, event.eventType);
      await this.reportError(error);
      throw error;
    }
    if (store && key !== undefined) await store.complete(key, this.dedupeTtlMs);
    if (!linkSwap) return undefined;
    return mergedLinks(
      outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : undefined)),
    );
  }
}

/** The links every link_swap handler returned, in the order they were registered (a later one wins). */
function mergedLinks(results: readonly unknown[]): LinkSwapAnswer {
  const links: Record<string, string> = {};
  for (const result of results) {
    const returned = (result as { links?: unknown } | null | undefined)?.links;
    if (!returned || typeof returned !== 'object') continue;
    for (const [from, to] of Object.entries(returned)) if (typeof to === 'string') links[from] = to;
  }
  return { links };
}

/**
 * A delivery and its retries share their exact bytes: the key is the event type and the body's
 * SHA-256, nothing unsigned (a copy with other headers is the same delivery).
 */
async function dedupeKey(eventType: string, body: string | Uint8Array): Promise<string> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const crypto = nodeCrypto();
  const digest = crypto
    ? crypto.createHash('sha256').update(bytes).digest('hex')
    : hex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
  return `${eventType}:${digest}`;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
