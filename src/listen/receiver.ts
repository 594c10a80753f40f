import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '../../packages/webhooks/src/catalog/signature.js';
import { readCapped } from '../../packages/webhooks/src/net/body.js';
import { listenOn } from '../../packages/webhooks/src/net/listen-on.js';
import { firstHeader } from '../../packages/webhooks/src/shared/headers.js';
import { processConnectionBudget } from '../net/fd-limit.js';
import { DELIVERY_ID_HEADER, type Delivery, type ForwardResult } from './delivery.js';
import { LINK_SWAP, linkSwapReply } from './link-swap-reply.js';

export const MAX_DELIVERY_BYTES = 1024 * 1024;
const CLOSE_GRACE_MS = 3_000;

const MAX_DRAIN_BYTES = 32 * 1024 * 1024;

export interface Rejection {
  status: 400 | 404 | 405 | 413 | 503;
  method: string;
  path: string;
  reason: string;
}

export interface ReceiverOptions {
  /** Deliveries are accepted on paths ending with this (`/salesloft-hooks/<session-id>`). */
  sessionPath: string;
  token: string;
  port?: number;
  host?: string;
  /** Forwards a verified delivery; undefined when no target takes it (answered as without one). */
  forward?: (delivery: Delivery) => Promise<ForwardResult> | undefined;
  /** Called once a delivery is verified, before it is forwarded. */
  onReceived?: (delivery: Delivery) => void;
  /** Called once a delivery's answer is known (after the forward, when there is one), just before it is sent. */
  onDelivery: (delivery: Delivery) => void;
  onRejection?: (rejection: Rejection) => void;
  /** Accept at most this many deliveries; later ones get 503 (the session is ending). */
  limit?: number | undefined;
}

/**
 * The local end of the tunnel: verifies each delivery before anything else and answers as the
 * contract says. Callbacks rather than async iteration: this is the hot path under load.
 */
export class Receiver {
  private readonly server: Server;
  private sequence = 0;
  private admitted = 0;
  private address: AddressInfo | undefined;
  /** Once closing, answers end their connection: an idle keep-alive one would hold close() for 5 s. */
  private closing = false;

  constructor(private readonly options: ReceiverOptions) {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 30_000;
    this.server.keepAliveTimeout = 5_000;
    this.server.maxHeadersCount = 200;
    this.server.maxConnections = processConnectionBudget().receiver;
    this.server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
      else socket.destroy();
    });
  }

  /** Deliveries counted against --max-deliveries: admitted, their bodies read or being read. */
  get admittedCount(): number {
    return this.admitted;
  }

  get port(): number {
    if (!this.address) throw new Error('the receiver is not listening');
    return this.address.port;
  }

  get localUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.address = await listenOn(this.server, this.options.port ?? 0, this.options.host ?? '127.0.0.1');
    return this;
  }

  /**
   * Stops accepting connections and waits for deliveries in progress to be answered, for at most
   * `graceMs`: Node stops timing requests out once a server is closing, so a client dribbling a
   * body would otherwise hold the session open for ever.
   */
  async close(graceMs = CLOSE_GRACE_MS): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const timer = setTimeout(() => this.server.closeAllConnections(), graceMs);
    await closed;
    clearTimeout(timer);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const refusal = this.refusal(req, path);
    if (refusal) {
      this.reject(req, res, ...refusal);
      return;
    }
    // A request counts against --max-deliveries from admission; one that never completes its body
    // (the client went away) gives its place back.
    this.admitted += 1;
    let read = false;
    req.once('close', () => {
      if (!read) this.admitted -= 1;
    });
    readCapped(req, MAX_DELIVERY_BYTES, (body) => {
      read = true;
      if (body === undefined) {
        this.admitted -= 1;
        this.reject(req, res, 413, 'body over 1 MiB');
        return;
      }
      this.receive(req, res, path, body).catch(() => {
        if (!res.headersSent) answer(res, 500, 'internal error');
      });
    });
  }

  /** The next delivery id of the session, for a delivery that did not come through here (a page replay). */
  allocateId(): number {
    return ++this.sequence;
  }

  /** Why a request is not a delivery to accept, judged from its head alone. */
  private refusal(
    req: IncomingMessage,
    path: string,
  ): [Rejection['status'], string, Record<string, string>?] | undefined {
    if (req.method !== 'POST') return [405, 'only POST is accepted', { allow: 'POST' }];
    if (!path.endsWith(this.options.sessionPath)) return [404, 'not this session’s path'];
    if (this.options.limit !== undefined && this.admitted >= this.options.limit) {
      return [503, 'this session has received its --max-deliveries and is ending'];
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_DELIVERY_BYTES) return [413, 'body over 1 MiB'];
    return undefined;
  }

  private async receive(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    body: Buffer,
  ): Promise<void> {
    const signature = verify(body, this.options.token, firstHeader(req.headers['x-salesloft-signature']));
    const delivery: Delivery = {
      id: ++this.sequence,
      received_at: new Date().toISOString(),
      path,
      event_type: firstHeader(req.headers['x-salesloft-event']) ?? null,
      headers: req.headers,
      body,
      signature,
      forward: null,
      status: signature.valid ? 200 : 401,
    };
    // What the session does with a delivery (show, record, inspect) never changes its answer: a
    // body that breaks its rendering is still answered by its verdict and still counted.
    guarded(() => this.options.onReceived?.(delivery));
    const forwarding = signature.valid ? this.options.forward?.(delivery) : undefined;
    if (forwarding) {
      delivery.forward = await forwarding;
      delivery.status = delivery.forward.status ?? 502;
    }
    const reply = signature.valid && delivery.event_type === LINK_SWAP ? linkSwapReply(delivery) : undefined;
    // Shown and recorded before it is answered: a delivery Salesloft saw accepted is in the file.
    guarded(() => this.options.onDelivery(delivery));
    if (this.closing) res.shouldKeepAlive = false;
    const id = { [DELIVERY_ID_HEADER]: String(delivery.id) };
    if (reply) answer(res, reply.status, reply.body, { ...reply.headers, ...id });
    else if (!signature.valid) answer(res, delivery.status, `invalid signature: ${signature.reason}`, id);
    else answer(res, delivery.status, ...relayed(delivery.forward, id));
  }

  private reject(
    req: IncomingMessage,
    res: ServerResponse,
    status: Rejection['status'],
    reason: string,
    headers: Record<string, string> = {},
  ): void {
    // The rest of the body is read and dropped so the client sees the answer rather than a reset,
    // up to a cap past which the connection is cut.
    answer(res, status, reason, headers);
    let drained = 0;
    req.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > MAX_DRAIN_BYTES) req.socket.destroy();
    });
    req.resume();
    this.options.onRejection?.({ status, method: req.method ?? '', path: req.url ?? '', reason });
  }
}

function answer(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  // statusCode + end(text) rather than writeHead: the head and body leave in one write.
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(body);
}

/**
 * The answer to a verified delivery: the app's own body and content type when it was forwarded (so
 * `trigger` through listen shows what the app said), `ok` when it was not, and why when the app
 * could not be reached.
 */
function relayed(
  forward: Delivery['forward'],
  headers: Record<string, string>,
): [string | Buffer, Record<string, string>] {
  if (!forward) return ['ok', headers];
  if (forward.status === null) return [`could not forward: ${forward.error ?? 'no answer'}`, headers];
  const type = forward.response?.headers['content-type'];
  return [forward.response?.body ?? '', { ...headers, ...(type ? { 'content-type': type } : {}) }];
}

function guarded(callback: () => void): void {
  try {
    callback();
  } catch {
    // The session's own callbacks report their failures; the receiver's job is the answer.
  }
}
