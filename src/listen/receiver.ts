import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '../signature.js';
import type { Delivery, ForwardResult } from './delivery.js';

export const MAX_DELIVERY_BYTES = 1024 * 1024;
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'host',
  'upgrade',
]);

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
  forward?: (delivery: Delivery) => Promise<ForwardResult>;
  onDelivery: (delivery: Delivery) => void;
  onRejection?: (rejection: Rejection) => void;
  /** Accept at most this many deliveries; later ones get 503 (the session is ending). */
  limit?: number | undefined;
}

/** The local end of the tunnel: verifies each delivery before anything else, answers as the contract says. */
export class Receiver {
  private readonly server: Server;
  private sequence = 0;
  private admitted = 0;
  private address: AddressInfo | undefined;

  constructor(private readonly options: ReceiverOptions) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) answer(res, 400, 'bad request');
        else res.destroy();
      });
    });
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 30_000;
    this.server.keepAliveTimeout = 5_000;
    this.server.maxHeadersCount = 200;
    this.server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
      else socket.destroy();
    });
  }

  get port(): number {
    if (!this.address) throw new Error('the receiver is not listening');
    return this.address.port;
  }

  get localUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.address = this.server.address() as AddressInfo;
    return this;
  }

  /** Stops accepting connections and waits for deliveries in progress to be answered. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? '';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (method !== 'POST') return this.reject(req, res, 405, 'only POST is accepted', { allow: 'POST' });
    if (!path.endsWith(this.options.sessionPath))
      return this.reject(req, res, 404, 'not this session’s path');
    if (this.options.limit !== undefined && this.admitted >= this.options.limit) {
      return this.reject(req, res, 503, 'this session has received its --max-deliveries and is ending');
    }
    this.admitted += 1;
    const declared = Number(req.headers['content-length'] ?? 0);
    const body = declared > MAX_DELIVERY_BYTES ? undefined : await readCapped(req, MAX_DELIVERY_BYTES);
    if (body === undefined) {
      this.admitted -= 1;
      return this.reject(req, res, 413, 'body over 1 MiB');
    }

    const signatureHeader = req.headers['x-salesloft-signature'];
    const signature = verify(
      body,
      this.options.token,
      Array.isArray(signatureHeader) ? signatureHeader[0] : signatureHeader,
    );
    const eventHeader = req.headers['x-salesloft-event'];
    const delivery: Delivery = {
      id: ++this.sequence,
      received_at: new Date().toISOString(),
      path,
      event_type: (Array.isArray(eventHeader) ? eventHeader[0] : eventHeader) ?? null,
      headers: keptHeaders(req),
      body,
      signature,
      forward: null,
      status: 200,
    };
    if (!signature.valid) delivery.status = 401;
    else if (this.options.forward) {
      delivery.forward = await this.options.forward(delivery);
      delivery.status = delivery.forward.status ?? 502;
    }
    answer(res, delivery.status, signature.valid ? 'ok' : `invalid signature: ${signature.reason}`);
    this.options.onDelivery(delivery);
  }

  private reject(
    req: IncomingMessage,
    res: ServerResponse,
    status: Rejection['status'],
    reason: string,
    headers = {},
  ): void {
    // Unread request bodies are not drained: close the connection instead of reading megabytes.
    answer(res, status, reason, { ...headers, connection: 'close' });
    req.resume();
    this.options.onRejection?.({ status, method: req.method ?? '', path: req.url ?? '', reason });
  }
}

function answer(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** The body, or `undefined` once it passes `limit` bytes. */
async function readCapped(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
}

function keptHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
