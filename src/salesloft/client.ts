import { errorCode, networkReason, TIMEOUT_CODES } from '../../packages/webhooks/src/net/errors.js';
import type { Me, NewSubscription, Subscription, Team } from '../../packages/webhooks/src/salesloft/types.js';
import { maskUserinfo } from '../../packages/webhooks/src/shared/text.js';
import { configuredProxy, keepAlivePool, sendRequest } from '../net/http-request.js';
import { sleep } from '../net/time.js';
import type { Dispatcher } from '../net/undici.js';
import { ApiError, CliError, ExitCode, NetworkError } from '../shared/errors.js';
import { isLoopbackUrl } from '../shared/urls.js';
import { RateGovernor, rateLimitWaitMs } from './rate-limit.js';
import { apiErrorFor, unwrap } from './responses.js';

/** Where an OAuth access token comes from: refreshed before it expires, and again when refused. */
export interface AccessTokenSource {
  /** A token good for now (refreshed first when it is about to expire). */
  current(): Promise<string>;
  /** A new token after `stale` was refused (401). */
  refreshed(stale: string): Promise<string>;
}

export interface ClientOptions {
  baseUrl: string;
  /** An API key, or the OAuth access token to start with (see `token`). */
  apiKey: string;
  /** For an OAuth login: every request asks it for the token, so a long session outlives its first one. */
  token?: AccessTokenSource;
  userAgent: string;
  /** Progress the user should see (waits for rate limits): the command sends it to stderr. */
  notify?: (message: string) => void;
  timeouts?: Partial<{
    connectMs: number;
    headersMs: number;
    bodyMs: number;
    /** Longest one call may take, all its attempts together (rate-limit waits not counted). */
    totalMs: number;
    /** After this long without an answer, say that it is still waiting. */
    noticeMs: number;
  }>;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
  /** The time and the waits (back-off, rate limits): the real ones unless a test gives its own. */
  clock?: Clock;
}

/** What the client knows of time: tests pass one that moves on when it is waited on. */
export interface Clock {
  now(): number;
  /** Waits `ms`, or until `signal` aborts (then rejects with its reason). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const REAL_CLOCK: Clock = { now: () => Date.now(), sleep };

export interface RetryPolicy {
  /** Attempts for one request on network errors and 5xx (429s do not count). */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest total wait for rate limits before giving up. */
  maxRateLimitWaitMs: number;
  /** Random extra wait after a 429, so parallel clients do not return at the same instant. */
  rateLimitJitterMs: number;
  /** Below this many remaining requests in the minute, requests are spaced out. */
  lowWater: number;
}

const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxRateLimitWaitMs: 180_000,
  rateLimitJitterMs: 1_000,
  lowWater: 20,
};

const PATH = '/v2/webhook_subscriptions';
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/** Errors raised before the request left this machine: a retried create cannot duplicate. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  TIMEOUT_CODES.connect,
]);

interface Answer {
  status: number;
  body: unknown;
  retryAfter?: string;
  date?: string;
  /** Where a redirect points (the client follows none: the API key must not travel). */
  location?: string;
}

type Attempt = { kind: 'answer'; answer: Answer } | { kind: 'network'; error: unknown; sent: boolean };

/** The Salesloft webhook-subscriptions API, with retries, rate-limit waits and typed errors. */
export class SalesloftClient {
  private readonly pool: Dispatcher;
  /** The proxy requests to this API go through, if any (named when a connection fails). */
  private readonly proxy: string | undefined;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly host: string;
  private readonly retry: RetryPolicy;
  private readonly governor: RateGovernor;
  private readonly random: () => number;
  private readonly clock: Clock;
  /** Time spent waiting on consecutive 429s; bounded by `maxRateLimitWaitMs`. */
  private rateLimitWaitedMs = 0;
  /** Waits in progress (rate limits, back-off), each ended by `interruptWaits`. */
  private readonly waits = new Set<(error: Error) => void>();

  constructor(private readonly options: ClientOptions) {
    const url = new URL(options.baseUrl);
    this.host = url.host;
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.random = options.random ?? Math.random;
    this.clock = options.clock ?? REAL_CLOCK;
    this.governor = new RateGovernor(this.retry.lowWater, () => this.clock.now());
    const proxied = !isLoopbackUrl(options.baseUrl);
    this.proxy = proxied ? configuredProxy(url) : undefined;
    this.pool = keepAlivePool({
      connections: 8,
      idleMs: 10_000,
      connectTimeoutMs: options.timeouts?.connectMs ?? 10_000,
      proxy: proxied,
    });
  }

  /**
   * Ends the waits in progress now (Ctrl-C during a rate-limit wait): the calls waiting fail with
   * a `cancelled` error, so a batch can roll back at once. Later calls wait as usual.
   */
  interruptWaits(signal: string): void {
    const error = new CliError(
      `${signal}: stopped while waiting for Salesloft.`,
      'cancelled',
      ExitCode.cancelled,
    );
    for (const stop of [...this.waits]) stop(error);
  }

  private async wait(ms: number): Promise<void> {
    const controller = new AbortController();
    const stop = (error: Error) => controller.abort(error);
    this.waits.add(stop);
    try {
      await this.clock.sleep(ms, controller.signal);
    } finally {
      this.waits.delete(stop);
    }
  }

  async list(filter: { enabled?: boolean } = {}): Promise<Subscription[]> {
    const query = filter.enabled === undefined ? '' : `?enabled=${filter.enabled}`;
    const data = unwrap((await this.idempotent('GET', `${PATH}${query}`)).body);
    if (!Array.isArray(data) || !data.every(isSubscription)) {
      throw unexpectedAnswer('the list of subscriptions is not a list of subscriptions');
    }
    return data;
  }

  async get(id: number): Promise<Subscription> {
    return this.subscriptionFrom(await this.idempotent('GET', `${PATH}/${id}`));
  }

  async setEnabled(id: number, enabled: boolean): Promise<Subscription> {
    const updated = this.subscriptionFrom(await this.idempotent('PUT', `${PATH}/${id}`, { enabled }));
    if (updated.id !== id) throw unexpectedAnswer(`updating #${id} returned subscription #${updated.id}`);
    return updated;
  }

  /** Deletes; a 404 means it is already gone, which is what was asked. */
  async delete(id: number): Promise<'deleted' | 'already_gone'> {
    const answer = await this.idempotent('DELETE', `${PATH}/${id}`, undefined, [404]);
    return answer.status === 404 ? 'already_gone' : 'deleted';
  }

  /**
   * Creates one subscription, never two: after an answer that leaves it unknown whether the
   * create happened (a timeout, a reset, a 5xx), it lists and looks before trying again.
   */
  async create(input: NewSubscription): Promise<Subscription> {
    let failures = 0;
    const deadline = this.deadline();
    for (;;) {
      const attempt = await this.attempt('POST', PATH, input, deadline);
      if (attempt.kind === 'answer') {
        const { status } = attempt.answer;
        if (status === 429) {
          deadline.extendBy(await this.waitForRateLimit(attempt.answer));
          continue;
        }
        if (status >= 200 && status < 300) return this.subscriptionFrom(attempt.answer);
        if (status < 500) throw apiErrorFor(status, attempt.answer.body, attempt.answer.location);
      }
      failures += 1;
      const uncertain = attempt.kind === 'answer' || attempt.sent;
      if (uncertain) {
        const existing = await this.findCreated(input);
        if (existing) return existing;
      }
      if (failures >= this.retry.attempts || deadline.passed() || hopeless(attempt))
        throw this.finalError(attempt);
      await this.backoff(failures);
    }
  }

  /** The team the key acts for (`GET /v2/team`; costs 1 of the rate limit). */
  async team(): Promise<Team> {
    const data = unwrap((await this.idempotent('GET', '/v2/team')).body) as Record<string, unknown> | null;
    if (!data || typeof data.id !== 'number' || typeof data.name !== 'string') {
      throw unexpectedAnswer('GET /v2/team did not name a team (id and name)');
    }
    return { id: data.id, name: data.name };
  }

  /** The user the key acts as (`GET /v2/me`; costs 1 of the rate limit). */
  async me(): Promise<Me> {
    const data = unwrap((await this.idempotent('GET', '/v2/me')).body) as Record<string, unknown> | null;
    if (!data || typeof data.id !== 'number') throw unexpectedAnswer('GET /v2/me did not describe a user');
    const text = (value: unknown) => (typeof value === 'string' ? value : null);
    const team = data.team as { id?: unknown } | null | undefined;
    return {
      id: data.id,
      guid: text(data.guid),
      name: text(data.name),
      email: text(data.email),
      team_id: typeof team?.id === 'number' ? team.id : null,
    };
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }

  private async findCreated(input: NewSubscription): Promise<Subscription | undefined> {
    const all = await this.list();
    return all.find(
      (sub) =>
        sub.callback_url === input.callback_url &&
        sub.event_type === input.event_type &&
        (sub.callback_token === undefined || sub.callback_token === input.callback_token),
    );
  }

  /** GET, PUT, DELETE: safe to repeat, so retried on network errors and 5xx. */
  private async idempotent(
    method: string,
    path: string,
    body?: unknown,
    accepted: number[] = [],
  ): Promise<Answer> {
    let failures = 0;
    const deadline = this.deadline();
    for (;;) {
      const attempt = await this.attempt(method, path, body, deadline);
      if (attempt.kind === 'answer') {
        const { status } = attempt.answer;
        if (status === 429) {
          deadline.extendBy(await this.waitForRateLimit(attempt.answer));
          continue;
        }
        if ((status >= 200 && status < 300) || accepted.includes(status)) return attempt.answer;
        if (status < 500) throw apiErrorFor(status, attempt.answer.body, attempt.answer.location);
      }
      failures += 1;
      if (failures >= this.retry.attempts || deadline.passed() || hopeless(attempt))
        throw this.finalError(attempt);
      await this.backoff(failures);
    }
  }

  /** The end of one call's time: every attempt of it shares this budget. */
  private deadline(): Deadline {
    const { clock } = this;
    let end = clock.now() + (this.options.timeouts?.totalMs ?? 30_000);
    return {
      noticed: false,
      remainingMs: () => Math.max(0, end - clock.now()),
      passed: () => clock.now() >= end,
      extendBy: (ms) => {
        end += ms;
      },
    };
  }

  private async attempt(
    method: string,
    path: string,
    body: unknown,
    deadline: Deadline,
    refusedToken?: string,
  ): Promise<Attempt> {
    const bearer = await this.bearer(refusedToken);
    const delay = this.governor.delayMs();
    if (delay > 0) await this.wait(delay);
    const totalMs = this.options.timeouts?.totalMs ?? 30_000;
    // Said once per call, not once per attempt: a retried request is still one wait for the user.
    const notice = deadline.noticed
      ? undefined
      : setTimeout(() => {
          deadline.noticed = true;
          this.options.notify?.(
            `Still waiting for Salesloft at ${this.host} (${method} ${path}); giving up after ${Math.round(totalMs / 1000)} s.`,
          );
        }, this.options.timeouts?.noticeMs ?? 5_000);
    try {
      const timeouts = this.options.timeouts;
      const response = await sendRequest(new URL(`${this.basePath}${path}`, this.origin), {
        signal: AbortSignal.timeout(Math.max(1, Math.ceil(deadline.remainingMs()))),
        method,
        dispatcher: this.pool,
        headers: {
          authorization: `Bearer ${bearer}`,
          'user-agent': this.options.userAgent,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        headersTimeoutMs: timeouts?.headersMs ?? 30_000,
        bodyTimeoutMs: timeouts?.bodyMs ?? 30_000,
        limit: MAX_ANSWER_BYTES,
      });
      if (response.body === undefined) {
        throw unexpectedAnswer(`the answer is over ${MAX_ANSWER_BYTES / 1024 / 1024} MiB`);
      }
      const text = response.body.toString('utf8');
      const header = (name: string) => {
        const value = response.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      // An OAuth token refused before its time (revoked, or the clocks differ): refresh once, ask again.
      if (response.status === 401 && this.options.token && refusedToken === undefined) {
        clearTimeout(notice);
        return this.attempt(method, path, body, deadline, bearer);
      }
      this.governor.observe(header('x-ratelimit-remaining-minute'), header('date'));
      if (response.status !== 429) this.rateLimitWaitedMs = 0;
      return {
        kind: 'answer',
        answer: {
          status: response.status,
          body: parseBody(text),
          ...rateHeaders(header),
          ...(header('location') === undefined ? {} : { location: header('location') as string }),
        },
      };
    } catch (error) {
      if (error instanceof ApiError) throw error;
      return { kind: 'network', error, sent: !NOT_SENT.has(errorCode(error) ?? '') };
    } finally {
      clearTimeout(notice);
    }
  }

  /** The bearer token of a request: the key, or an OAuth access token (a fresh one after a refusal). */
  private bearer(refused: string | undefined): Promise<string> | string {
    const source = this.options.token;
    if (!source) return this.options.apiKey;
    return refused === undefined ? source.current() : source.refreshed(refused);
  }

  /** Waits as a 429 asks; returns how long it waited. */
  private async waitForRateLimit(answer: Answer): Promise<number> {
    const { ms, why } = rateLimitWaitMs(
      { retryAfter: answer.retryAfter, date: answer.date },
      { jitterMs: this.retry.rateLimitJitterMs, random: this.random, localNow: this.clock.now() },
    );
    if (this.rateLimitWaitedMs + ms > this.retry.maxRateLimitWaitMs) {
      throw new ApiError(
        429,
        `Salesloft kept answering 429 (rate limit) after waiting ${Math.round(this.rateLimitWaitedMs / 1000)} s in all; try again later`,
      );
    }
    this.rateLimitWaitedMs += ms;
    this.options.notify?.(`Rate limited by Salesloft (429): waiting ${(ms / 1000).toFixed(1)} s ${why}.`);
    await this.wait(ms);
    return ms;
  }

  private backoff(failures: number): Promise<void> {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (failures - 1));
    return this.wait(ceiling / 2 + this.random() * (ceiling / 2));
  }

  private finalError(attempt: Attempt): Error {
    if (attempt.kind === 'answer')
      return apiErrorFor(attempt.answer.status, attempt.answer.body, attempt.answer.location);
    const reason = networkReason(attempt.error);
    const through = this.proxy ? ` through the proxy ${maskUserinfo(this.proxy)}` : '';
    const message = reason.startsWith('answered')
      ? `Salesloft at ${this.host}${through} ${reason}`
      : `Cannot reach Salesloft at ${this.host}${through}: ${reason}`;
    return new NetworkError(message, { cause: attempt.error });
  }

  private subscriptionFrom(answer: Answer): Subscription {
    const data = unwrap(answer.body);
    if (!isSubscription(data)) throw unexpectedAnswer(`answer ${answer.status} holds no subscription`);
    return data;
  }
}

interface Deadline {
  /** The "still waiting" note was given for this call. */
  noticed: boolean;
  remainingMs(): number;
  passed(): boolean;
  extendBy(ms: number): void;
}

/** A subscription as the client's callers rely on it: the fields they read, of the right types. */
function isSubscription(value: unknown): value is Subscription {
  if (!value || typeof value !== 'object') return false;
  const sub = value as Record<string, unknown>;
  return (
    typeof sub.id === 'number' &&
    typeof sub.callback_url === 'string' &&
    typeof sub.event_type === 'string' &&
    typeof sub.enabled === 'boolean' &&
    (sub.callback_token === undefined || typeof sub.callback_token === 'string')
  );
}

function unexpectedAnswer(what: string): ApiError {
  return new ApiError(502, `Unexpected answer from Salesloft: ${what}`);
}

function rateHeaders(header: (name: string) => string | undefined): { retryAfter?: string; date?: string } {
  const retryAfter = header('retry-after');
  const date = header('date');
  return { ...(retryAfter === undefined ? {} : { retryAfter }), ...(date === undefined ? {} : { date }) };
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A failure that another attempt cannot mend: the proxy wants credentials it was not given (407). */
function hopeless(attempt: Attempt): boolean {
  return attempt.kind !== 'answer' && errorCode(attempt.error) === 'PROXY_AUTH_REQUIRED';
}
