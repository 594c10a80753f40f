import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readCappedBody } from '../../../packages/webhooks/src/net/body.js';
import { listenOn } from '../../../packages/webhooks/src/net/listen-on.js';
import { browserCanOpen } from '../../net/browser-ports.js';
import { processConnectionBudget } from '../../net/fd-limit.js';
import { UsageError } from '../../shared/errors.js';
import { curlCommand, detailOf, type Entry } from './record.js';
import type { Replayer } from './replay.js';
import type { InspectorStore, StoreEvent } from './store.js';

export const DEFAULT_INSPECT_PORT = 4041;
const PORTS_TO_TRY = 20;
const MAX_EDIT_BYTES = 1024 * 1024;
/** Unsent bytes a page's event stream may hold before it is dropped (it reconnects and catches up). */
const STREAM_CAP = 256 * 1024;
/** How long the event stream gathers events before it writes them. */
const FLUSH_MS = 50;
/** The most rows one write of the event stream carries (a page shows a person, not a flood). */
const MAX_PER_FLUSH = 100;
/** Rows written to a response before yielding to the event loop (the receiver goes first). */
const CHUNK = 200;
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

export interface InspectorOptions {
  store: InspectorStore;
  /** The access key (see key.ts: stored per state directory). */
  key: string;
  /** A given port must be free; without one, 4041 or the next free port. */
  port?: number | undefined;
  replay: Replayer;
  /** Where Replay and the curl command send to; the token that signs them. */
  /** Where a replay of a delivery of this event type goes (its curl command names it), if anywhere. */
  target: ((eventType: string | null) => string | undefined) | undefined;
  token: string;
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
 * Origin check on every change against other pages, and a CSP that runs no inline script. The
 * list and the event stream carry small rows, never bodies; a body is sent when its delivery is
 * opened; large answers are written a chunk at a time, so the receiver is never kept waiting.
 */
export async function startInspector(options: InspectorOptions): Promise<Inspector> {
  let port = 0;
  const streams = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    handle(req, res, { ...options, port, streams }).catch(() => {
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  // Idle sockets from anyone who finds the port must not take the descriptors cleanup needs.
  server.maxConnections = processConnectionBudget().inspector;
  port = await bind(server, options.port);
  return {
    url: `http://127.0.0.1:${port}/?key=${options.key}`,
    port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

async function bind(server: Server, port: number | undefined): Promise<number> {
  if (port !== undefined && !browserCanOpen(port)) {
    throw new UsageError(
      `Browsers refuse port ${port} (one of the Fetch standard's bad ports): pass another --inspect-port.`,
      'unsafe_port',
    );
  }
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
    // 4045 (lockd) is next to 4041: a page there would never open.
    if (!browserCanOpen(candidate)) continue;
    try {
      return (await listenOn(server, candidate, '127.0.0.1')).port;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  return (await listenOn(server, 0, '127.0.0.1')).port;
}

interface Context extends InspectorOptions {
  port: number;
  streams: Set<ServerResponse>;
}

const ENTRY = /^\/api\/deliveries\/(\d+|r\d+)(\/(?:replay|curl|download))?$/;

async function handle(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://inspector');
  const host = req.headers.host ?? '';
  if (host !== `127.0.0.1:${ctx.port}` && host !== `localhost:${ctx.port}`) {
    return send(res, 403, { error: 'unexpected Host' });
  }
  if (!sameKey(url.searchParams.get('key') ?? '', ctx.key)) {
    if (url.pathname.startsWith('/api/')) return send(res, 403, { error: 'missing or wrong key' });
    return wrongKeyPage(res);
  }
  const file = STATIC[url.pathname];
  if (req.method === 'GET' && file) return sendAsset(res, file, ctx.key);
  if (req.method === 'GET' && url.pathname === '/api/deliveries') return sendRows(res, ctx.store);
  if (req.method === 'GET' && url.pathname === '/api/events') return stream(req, res, ctx);
  if (req.method === 'GET' && url.pathname === '/api/export') return exportLines(res, ctx.store);
  if (req.method !== 'GET' && !fromThePage(req, ctx.port)) {
    return send(res, 403, { error: 'changes come from the inspector page only' });
  }
  if (req.method === 'DELETE' && url.pathname === '/api/deliveries') {
    ctx.store.clear();
    return send(res, 200, { cleared: true });
  }
  const match = ENTRY.exec(url.pathname);
  if (!match) return send(res, 404, { error: 'not found' });
  const key = match[1] as string;
  const action = match[2];
  if (req.method === 'POST' && action === '/replay') return replay(req, res, ctx, key);
  if (req.method !== 'GET') return send(res, 405, { error: 'method not allowed' });
  const entry = ctx.store.get(key);
  if (!entry) return send(res, 404, { error: 'no such delivery (cleared, or past the memory budget)' });
  if (action === '/curl') return sendCurl(res, ctx, entry, url);
  if (action === '/download')
    res.setHeader('content-disposition', `attachment; filename="delivery-${key}.json"`);
  return send(res, 200, detailOf(entry));
}

/** A change (replay, clear) must come from this page: a same-origin request with a JSON body. */
function fromThePage(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

async function replay(req: IncomingMessage, res: ServerResponse, ctx: Context, key: string): Promise<void> {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return send(res, 415, { error: 'send JSON' });
  }
  const raw = await readCappedBody(req, MAX_EDIT_BYTES * 2);
  if (raw === undefined) return send(res, 413, { error: 'edited body over 1 MiB' });
  let input: { body_base64?: unknown; allow_invalid?: unknown };
  try {
    input = JSON.parse(raw.toString('utf8') || '{}');
  } catch {
    return send(res, 400, { error: 'request is not JSON' });
  }
  const body = typeof input.body_base64 === 'string' ? Buffer.from(input.body_base64, 'base64') : undefined;
  if (body && body.length > MAX_EDIT_BYTES) return send(res, 413, { error: 'edited body over 1 MiB' });
  const answer = await ctx.replay(key, body, input.allow_invalid === true);
  return send(res, answer.ok ? 200 : answer.status, answer);
}

function sendCurl(res: ServerResponse, ctx: Context, entry: Entry, url: URL): void {
  const target = ctx.target?.(entry.row.event_type);
  const refusal = !target
    ? 'no replay target: start with --forward-to (and a route for this event type)'
    : entry.row.body_kept !== 'full'
      ? 'only the start of this body was kept (a large forgery)'
      : // Like Replay: a forgery becomes a valid delivery once signed, so the page asks first.
        !entry.row.signature.valid && url.searchParams.get('allow_invalid') !== '1'
        ? 'this delivery arrived with an invalid signature: confirm first'
        : undefined;
  if (refusal || !target) {
    send(res, target ? 409 : 400, { error: refusal });
    return;
  }
  res.statusCode = 200;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  secure(res);
  res.end(curlCommand(entry, target, ctx.token));
}

function sameKey(given: string, key: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

function wrongKeyPage(res: ServerResponse): void {
  res.statusCode = 403;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  secure(res);
  res.end(
    '<!doctype html><meta charset="utf-8"><title>salesloft-hooks inspector</title><h1>Wrong or missing key</h1><p>Open the <code>Inspector:</code> URL that <code>salesloft-hooks listen</code> (or <code>inspect</code>) printed: it holds this inspector&#39;s key. The key stays the same for this state directory, so a bookmark of that URL keeps working.</p>',
  );
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

/** The list as JSON, newest first, written a chunk of rows at a time. */
async function sendRows(res: ServerResponse, store: InspectorStore): Promise<void> {
  const keys = store.keys();
  res.statusCode = 200;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  secure(res);
  res.write(`{"seq":${store.lastSeq},"rows":[`);
  let first = true;
  for (let at = 0; at < keys.length; at += CHUNK) {
    if (at > 0) await yieldToOthers();
    const part: string[] = [];
    for (const key of keys.slice(at, at + CHUNK)) {
      const row = store.get(key)?.row;
      if (row) part.push(JSON.stringify(row));
    }
    if (part.length === 0) continue;
    res.write(`${first ? '' : ','}${part.join(',')}`);
    first = false;
  }
  res.end(']}');
}

/**
 * Every kept delivery as a `listen --record` line, oldest first (so `inspect --from` and
 * `replay` read an export), written with the response's backpressure.
 */
async function exportLines(res: ServerResponse, store: InspectorStore): Promise<void> {
  res.statusCode = 200;
  res.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
  res.setHeader('content-disposition', 'attachment; filename="deliveries.jsonl"');
  secure(res);
  for (const entry of store.all()) {
    if (entry.row.body_kept !== 'full') continue;
    const line = JSON.stringify({
      v: 1,
      id: entry.row.id ?? 0,
      received_at: entry.row.received_at,
      event_type: entry.row.event_type,
      path: entry.row.path,
      headers: entry.headers,
      body_base64: entry.body.toString('base64'),
      signature: { valid: entry.row.signature.valid, reason: entry.row.signature.reason },
      ...(entry.row.forward ? { forward: entry.row.forward } : {}),
      ...(entry.row.link_swap ? { link_swap: entry.row.link_swap } : {}),
      ...(entry.row.retry_of ? { retry_of: entry.row.retry_of } : {}),
      ...(entry.row.replay_of ? { replay_of: entry.row.replay_of } : {}),
    });
    if (!res.write(`${line}\n`)) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end();
}

/**
 * Server-sent events: each new or changed row, numbered. A page that reconnects gets what it
 * missed after its Last-Event-ID, or `reload` when that is no longer kept; a page that stops
 * reading is dropped once it holds STREAM_CAP unsent bytes, so it never grows this server.
 */
function stream(req: IncomingMessage, res: ServerResponse, ctx: Context): void {
  secure(res);
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  // Events are written together, at most every FLUSH_MS: under load, one write per delivery would
  // cost the receiver more than the delivery itself, and no one reads faster than that. A burst
  // of more than MAX_PER_FLUSH rows sends the newest ones and says how many more came, and only
  // the rows written are built: a flood costs the receiver little with the page open.
  let queued: StoreEvent[] = [];
  const flush = () => {
    const events = queued;
    queued = [];
    if (res.destroyed) return;
    if (res.writableLength > STREAM_CAP) {
      res.destroy();
      return;
    }
    const cleared = events.findLastIndex((event) => event.type === 'clear');
    const after = cleared === -1 ? events : events.slice(cleared + 1);
    const latest = new Map<string, number>();
    for (const event of after) if (event.type === 'row') latest.set(event.key, event.seq);
    const keys = [...latest.keys()];
    const shown = keys.slice(-MAX_PER_FLUSH);
    const parts: string[] = [];
    if (cleared !== -1) parts.push(`id: ${events[cleared]?.seq}\nevent: clear\ndata: {}\n\n`);
    if (keys.length > shown.length) {
      parts.push(`event: skipped\ndata: {"count":${keys.length - shown.length}}\n\n`);
    }
    for (const key of shown) {
      const row = ctx.store.get(key)?.row;
      if (row) parts.push(`id: ${latest.get(key)}\nevent: row\ndata: ${JSON.stringify(row)}\n\n`);
    }
    if (parts.length > 0) res.write(parts.join(''));
  };
  const write = (event: StoreEvent) => {
    if (queued.push(event) === 1) setTimeout(flush, FLUSH_MS);
  };
  res.write(`: inspector\nretry: 1000\n\n`);
  const last = Number(req.headers['last-event-id'] ?? Number.NaN);
  if (Number.isInteger(last)) {
    const missed = ctx.store.since(last);
    if (missed === undefined) res.write(`event: reload\ndata: {}\n\n`);
    else for (const event of missed) write(event);
  }
  const stop = ctx.store.watch(write);
  ctx.streams.add(res);
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
  const done = () => {
    stop();
    clearInterval(ping);
    ctx.streams.delete(res);
  };
  req.on('close', done);
  res.on('close', done);
}

function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
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
