import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readCappedBody } from '../../net/body.js';
import { processConnectionBudget } from '../../net/fd-limit.js';
import { listenOn } from '../../net/listen-on.js';
import { UsageError } from '../../shared/errors.js';
import type { InspectedDelivery } from './record.js';
import type { InspectorStore } from './store.js';

export const DEFAULT_INSPECT_PORT = 4041;
const PORTS_TO_TRY = 20;
const MAX_EDIT_BYTES = 1024 * 1024;
const ASSETS = new URL('../../../assets/inspector/', import.meta.url);
const STATIC: Record<string, string> = {
  '/': 'index.html',
  '/app.js': 'app.js',
  '/app.css': 'app.css',
};
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export type ReplayAnswer =
  | { ok: true; target: string; status: number; ms: number; excerpt: string }
  | { ok: false; status: 400 | 404 | 409 | 502; error: string };

/** Replays delivery `id` (with `body` instead of its own when edited); invalid ones only when allowed. */
export type Replayer = (id: number, body: Buffer | undefined, allowInvalid: boolean) => Promise<ReplayAnswer>;

export interface InspectorOptions {
  store: InspectorStore;
  /** A given port must be free; without one, 4041 or the next free port. */
  port?: number | undefined;
  replay: Replayer;
}

export interface Inspector {
  /** The page's address, with its access key. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The inspector: a page of every delivery with replay, on 127.0.0.1 only. Outsiders' data reaches
 * a browser here, so: an unguessable key on every request, a Host check against DNS rebinding, an
 * Origin check on replays against other pages, and a CSP that runs no inline script.
 */
export async function startInspector(options: InspectorOptions): Promise<Inspector> {
  const key = randomBytes(16).toString('hex');
  let port = 0;
  const server = createServer((req, res) => {
    handle(req, res, { ...options, key, port }).catch(() => {
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  // Idle sockets from anyone who finds the port must not take the descriptors cleanup needs.
  server.maxConnections = processConnectionBudget().inspector;
  port = await bind(server, options.port);
  return {
    url: `http://127.0.0.1:${port}/?key=${key}`,
    port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

async function bind(server: Server, port: number | undefined): Promise<number> {
  if (port !== undefined) {
    try {
      return (await listenOn(server, port, '127.0.0.1')).port;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      throw new UsageError(
        `Inspector port ${port} is in use: pass another --inspect-port, or --no-inspect.`,
        'port_in_use',
      );
    }
  }
  for (let candidate = DEFAULT_INSPECT_PORT; candidate < DEFAULT_INSPECT_PORT + PORTS_TO_TRY; candidate++) {
    try {
      return (await listenOn(server, candidate, '127.0.0.1')).port;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  return (await listenOn(server, 0, '127.0.0.1')).port;
}

interface Context extends InspectorOptions {
  key: string;
  port: number;
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://inspector');
  const host = req.headers.host ?? '';
  if (host !== `127.0.0.1:${ctx.port}` && host !== `localhost:${ctx.port}`) {
    return send(res, 403, { error: 'unexpected Host' });
  }
  if (!sameKey(url.searchParams.get('key') ?? '', ctx.key))
    return send(res, 403, { error: 'missing or wrong key' });

  const file = STATIC[url.pathname];
  if (req.method === 'GET' && file) return sendAsset(res, file, ctx.key);
  if (req.method === 'GET' && url.pathname === '/api/deliveries') return send(res, 200, ctx.store.list());
  if (req.method === 'GET' && url.pathname === '/api/events') return stream(req, res, ctx.store);
  const download = /^\/api\/deliveries\/(\d+)\/download$/.exec(url.pathname);
  if (req.method === 'GET' && download) {
    const record = ctx.store.get(Number(download[1]));
    if (!record) return send(res, 404, { error: 'no such delivery' });
    res.setHeader('content-disposition', `attachment; filename="delivery-${record.id}.json"`);
    return send(res, 200, record);
  }
  const replay = /^\/api\/deliveries\/(\d+)\/replay$/.exec(url.pathname);
  if (req.method === 'POST' && replay) {
    const origin = req.headers.origin;
    if (origin !== `http://127.0.0.1:${ctx.port}` && origin !== `http://localhost:${ctx.port}`) {
      return send(res, 403, { error: 'replays come from the inspector page only' });
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, { error: 'send JSON' });
    }
    const raw = await readCappedBody(req, MAX_EDIT_BYTES + 4096);
    if (raw === undefined) return send(res, 413, { error: 'edited body over 1 MiB' });
    let input: { body?: unknown; allow_invalid?: unknown };
    try {
      input = JSON.parse(raw.toString('utf8') || '{}');
    } catch {
      return send(res, 400, { error: 'request is not JSON' });
    }
    const body = typeof input.body === 'string' ? Buffer.from(input.body) : undefined;
    const answer = await ctx.replay(Number(replay[1]), body, input.allow_invalid === true);
    return send(res, answer.ok ? 200 : answer.status, answer);
  }
  return send(res, 404, { error: 'not found' });
}

function sameKey(given: string, key: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function sendAsset(res: ServerResponse, file: string, key: string): Promise<void> {
  let text = await readFile(new URL(file, ASSETS), 'utf8');
  // The key is hex: safe in an attribute. Assets are asked for with it like everything else.
  if (file === 'index.html') text = text.replaceAll('{{KEY}}', key);
  res.statusCode = 200;
  res.setHeader('content-type', TYPES[file.split('.').pop() ?? ''] ?? 'text/plain');
  secure(res);
  res.end(text);
}

/** Server-sent events: every new or updated delivery, as it happens. */
function stream(req: IncomingMessage, res: ServerResponse, store: InspectorStore): void {
  secure(res);
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write(': inspector\n\n');
  const push = (record: InspectedDelivery) =>
    res.write(`event: delivery\ndata: ${JSON.stringify(record)}\n\n`);
  const stop = store.watch(push);
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
  req.on('close', () => {
    stop();
    clearInterval(ping);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  secure(res);
  res.end(JSON.stringify(body));
}

function secure(res: ServerResponse): void {
  res.setHeader('content-security-policy', CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cache-control', 'no-store');
}
