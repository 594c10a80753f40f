import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type EventType, isCatalogEvent } from '../catalog/event-types.js';
import { listenOn } from '../net/listen-on.js';
import type { Subscription } from '../salesloft/types.js';
import { createSampler } from '../samples/index.js';
import { mergeOnto } from '../samples/merge.js';
import { railsJson } from '../samples/rails-json.js';
import { type ApiContext, DEFAULT_QUIRKS, type EmulatorQuirks, handleApi } from './api-routes.js';
import { CONTROL_PREFIX, handleControl } from './control-routes.js';
import { Deliverer, type DeliveryAttempt, type DeliveryRecord } from './deliverer.js';
import { type ApplicationInput, Directory, type EmulatedApplication } from './directory.js';
import { FaultPlan } from './faults.js';
import { BodyTooLarge, sendJson } from './http-io.js';
import { type OAuthClient, OAuthServer, oauthApplicationKey } from './oauth.js';
import { MinuteBudget } from './rate-limiter.js';
import { refusal } from './request-guard.js';
import { SubscriptionStore } from './store.js';

export interface EmulatorOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Accept only this Bearer token; any token when undefined (each one an application of its team). */
  apiKey?: string;
  /** API keys and the team and user each acts for; any other accepted key is of the default team. */
  applications?: Record<string, ApplicationInput>;
  /** What Salesloft does not document (see EmulatorQuirks); defaults to the facts' reading. */
  quirks?: Partial<EmulatorQuirks>;
  /** OAuth applications by client id (their secret, their team). */
  oauthClients?: Record<string, OAuthClient>;
  /** How long an OAuth access token lives (Salesloft: 7,200 s). */
  accessTokenTtlSeconds?: number;
  /** Cost budget per minute for the team (Salesloft: 600). */
  rateLimitPerMinute?: number;
  /** Wait between delivery attempts (Salesloft: 15 s). */
  retryIntervalMs?: number;
  /** Retries after a failed first attempt (Salesloft: 3). */
  retries?: number;
  /** A delivery not answered within this is a failure. */
  deliveryTimeoutMs?: number;
  /** Seed for sample payloads. */
  seed?: number;
  /** Deliver to callback URLs off this machine too (by default only loopback hosts get deliveries). */
  deliverAnywhere?: boolean;
  /** Called for each API request and each delivery attempt (for the `emulator` command's log). */
  log?: (event: EmulatorLogEvent) => void;
}

export type EmulatorLogEvent =
  | { type: 'request'; method: string; path: string; status: number }
  | { type: 'delivery'; record: DeliveryRecord; attempt: DeliveryAttempt }
  | { type: 'skipped'; record: DeliveryRecord };

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
}

export interface FiredEvent {
  event_type: string;
  body: unknown;
  deliveries: number[];
}

const REQUEST_LOG_LIMIT = 10_000;

/** A local Salesloft: the webhook-subscriptions REST resource and real signed deliveries. */
export class Emulator {
  readonly store = new SubscriptionStore();
  readonly directory = new Directory();
  readonly faults = new FaultPlan();
  readonly quirks: EmulatorQuirks;
  readonly oauth: OAuthServer;
  readonly requests: RequestLogEntry[] = [];
  clockOffsetMs = 0;
  private readonly server: Server;
  private readonly deliverer: Deliverer;
  private readonly api: ApiContext;
  private readonly sample: (eventType: string) => unknown;
  private address: AddressInfo | undefined;

  constructor(private readonly options: EmulatorOptions = {}) {
    const now = () => this.now();
    this.quirks = { ...DEFAULT_QUIRKS, ...options.quirks };
    this.oauth = new OAuthServer(now);
    if (options.accessTokenTtlSeconds !== undefined)
      this.oauth.accessTokenTtlSeconds = options.accessTokenTtlSeconds;
    for (const [id, client] of Object.entries(options.oauthClients ?? {}))
      this.registerOAuthClient(id, client);
    for (const [key, input] of Object.entries(options.applications ?? {}))
      this.directory.register(key, input);
    const budgets = new Map<number, MinuteBudget>();
    this.api = {
      store: this.store,
      directory: this.directory,
      budgetFor: (teamId) => {
        let budget = budgets.get(teamId);
        if (!budget) {
          budget = new MinuteBudget(options.rateLimitPerMinute ?? 600, now);
          budgets.set(teamId, budget);
        }
        return budget;
      },
      faults: this.faults,
      quirks: this.quirks,
      oauth: this.oauth,
      apiKey: options.apiKey,
      now,
    };
    this.deliverer = new Deliverer({
      retries: options.retries ?? 3,
      retryIntervalMs: options.retryIntervalMs ?? 15_000,
      timeoutMs: options.deliveryTimeoutMs ?? 10_000,
      now,
      deliverAnywhere: options.deliverAnywhere ?? false,
      onAttempt: (record, attempt) => options.log?.({ type: 'delivery', record, attempt }),
      onSkipped: (record) => options.log?.({ type: 'skipped', record }),
    });
    this.sample = createSampler(options.seed === undefined ? {} : { seed: options.seed });
    this.server = createServer((req, res) => void this.route(req, res));
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 30_000;
  }

  /** The emulator's clock (real time plus an offset that tests may move). */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  get url(): string {
    if (!this.address) throw new Error('the emulator is not listening');
    const host = this.address.family === 'IPv6' ? `[${this.address.address}]` : this.address.address;
    return `http://${host}:${this.address.port}`;
  }

  async start(): Promise<this> {
    this.address = await listenOn(this.server, this.options.port ?? 0, this.options.host ?? '127.0.0.1');
    return this;
  }

  /**
   * Subscribes `url` to each of `events` with `token`, as `POST /v2/webhook_subscriptions` would:
   * as `apiKey`'s application, or, without one, seeded for every key to see.
   */
  subscribe(input: {
    url: string;
    token: string;
    events: readonly EventType[];
    apiKey?: string;
  }): Subscription[] {
    for (const eventType of input.events) requireCatalogEvent(eventType);
    const application = input.apiKey === undefined ? undefined : this.directory.of(input.apiKey);
    return input.events.map((eventType) =>
      this.store.create(
        { callback_url: input.url, callback_token: input.token, event_type: eventType },
        application,
      ),
    );
  }

  /** Registers an OAuth application (its access tokens act for `client.application`'s team). */
  registerOAuthClient(clientId: string, client: OAuthClient): void {
    this.oauth.clients.set(clientId, client);
    this.directory.register(oauthApplicationKey(clientId), client.application ?? {});
  }

  /** Makes `key` an application of a team (another team: `{ team: { id: 7, name: 'Acme EU' } }`). */
  registerApplication(key: string, input: ApplicationInput = {}): EmulatedApplication {
    return this.directory.register(key, input);
  }

  /**
   * Delivers one event to every enabled subscription of its type: a fresh sample with `data`
   * merged onto it (objects key by key, anything else replaced), written as Salesloft writes JSON.
   */
  fire(eventType: EventType, data?: unknown): FiredEvent {
    requireCatalogEvent(eventType);
    const sample = this.sample(eventType);
    const body = data === undefined ? sample : mergeOnto(sample, data);
    return { ...this.deliver(eventType, Buffer.from(railsJson(body))), body };
  }

  /** Delivers exactly these bytes as an event of `eventType` (a captured body, a malformed one). */
  fireRaw(eventType: EventType, body: string | Uint8Array): FiredEvent {
    requireCatalogEvent(eventType);
    const fired = this.deliver(eventType, Buffer.from(body));
    return { ...fired, body: typeof body === 'string' ? body : Buffer.from(body).toString('utf8') };
  }

  private deliver(eventType: EventType, bytes: Buffer): Omit<FiredEvent, 'body'> {
    const targets = this.store.list({ enabled: true }).filter((sub) => sub.event_type === eventType);
    const records = this.deliverer.deliver(eventType, bytes, targets);
    return { event_type: eventType, deliveries: records.map((record) => record.id) };
  }

  deliveries(): DeliveryRecord[] {
    return this.deliverer.records;
  }

  /** Resolves when every delivery has succeeded or used up its retries. */
  deliveriesSettled(): Promise<void> {
    return this.deliverer.settled();
  }

  reset(): void {
    this.store.clear();
    this.faults.clear();
    Object.assign(this.quirks, DEFAULT_QUIRKS, this.options.quirks);
    this.requests.length = 0;
    this.clockOffsetMs = 0;
  }

  /** Closes every open connection, as a load balancer closes idle keep-alive ones: clients must connect anew. */
  dropConnections(): void {
    this.server.closeAllConnections();
  }

  async close(): Promise<void> {
    this.deliverer.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    // status 0 in the log: the connection was dropped without an answer (an injected reset).
    res.on('close', () =>
      this.logRequest(req.method ?? 'GET', url.pathname, res.headersSent ? res.statusCode : 0),
    );
    const control = url.pathname.startsWith(CONTROL_PREFIX);
    const refused = refusal(req, this.address?.port ?? 0, control);
    if (refused) {
      req.resume();
      sendJson(res, 403, { error: `Forbidden: ${refused}` });
      return;
    }
    try {
      if (url.pathname.startsWith('/oauth/') && (await this.oauth.handle(req, res, url))) return;
      if (control) await handleControl(this, req, res, url);
      else await handleApi(this.api, req, res, url);
    } catch (error) {
      if (res.headersSent || req.socket.destroyed) return;
      if (error instanceof BodyTooLarge) sendJson(res, 413, { error: 'Request Entity Too Large' });
      else sendJson(res, 500, { error: 'Internal Server Error' });
    }
  }

  private logRequest(method: string, path: string, status: number): void {
    this.requests.push({ method, path, status });
    if (this.requests.length > REQUEST_LOG_LIMIT)
      this.requests.splice(0, this.requests.length - REQUEST_LOG_LIMIT);
    this.options.log?.({ type: 'request', method, path, status });
  }
}

/** A type outside the catalog is a mistake in the caller's code (a typo), never a delivery. */
function requireCatalogEvent(eventType: string): void {
  if (!isCatalogEvent(eventType)) {
    throw new RangeError(`"${eventType}" is not one of the 37 documented event types`);
  }
}

/** Starts an emulator and resolves once it listens. */
export function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return new Emulator(options).start();
}
