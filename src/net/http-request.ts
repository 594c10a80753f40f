import type { IncomingHttpHeaders } from 'node:http';
import { proxyVariableProblem, proxyVariables } from '../shared/config.js';
import { UsageError } from '../shared/errors.js';
import type { Dispatcher } from './undici.js';
import { undici } from './undici.js';

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** `undefined` when the body passed `limit` bytes (the connection is then closed). */
  body: Buffer | undefined;
  /** When it passed `limit`: what had arrived by then. */
  prefix?: Buffer;
}

export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** A keep-alive pool from `keepAlivePool`; else one shared pool. */
  dispatcher?: Dispatcher;
  /** Longest wait from the connection to the answer's headers. */
  headersTimeoutMs: number;
  /** Longest pause between two parts of the answer's body. */
  bodyTimeoutMs: number;
  limit: number;
  /** Aborting rejects with the signal's reason (a TimeoutError for `AbortSignal.timeout`). */
  signal?: AbortSignal;
}

export interface PoolOptions {
  /** Idle connections close after this; they never hold the process open. */
  idleMs: number;
  /** Most connections to one origin at once (default: no limit). */
  connections?: number;
  /** Longest wait for a new connection to open (default 10 s). */
  connectTimeoutMs?: number;
  /**
   * Honour HTTPS_PROXY, HTTP_PROXY and NO_PROXY (either case). Only for the Salesloft API: a
   * loopback target (the emulator, the user's app, a receiver) never goes through a proxy.
   */
  proxy?: boolean;
  /** Accept any TLS certificate: only for the user's own loopback dev server (--forward-insecure). */
  insecure?: boolean;
}

/** A keep-alive pool of undici's, proxy-aware when asked. */
export function keepAlivePool(options: PoolOptions): Dispatcher {
  const { Agent, EnvHttpProxyAgent } = undici();
  const settings = {
    keepAliveTimeout: options.idleMs,
    ...(options.connections === undefined ? {} : { connections: options.connections }),
    connect: {
      timeout: options.connectTimeoutMs ?? 10_000,
      ...(options.insecure ? { rejectUnauthorized: false } : {}),
    },
  };
  if (!(options.proxy && proxyConfigured())) return new Agent(settings);
  const problem = proxyVariableProblem();
  if (problem) throw new UsageError(problem, 'bad_proxy');
  return new EnvHttpProxyAgent(settings);
}

/**
 * The proxy a request to `url` goes through, read as EnvHttpProxyAgent reads the environment
 * (lower case first; HTTPS_PROXY for https, else HTTP_PROXY; NO_PROXY entries bypass it), so an
 * error can name it. undici does the routing; this only says where it went.
 */
export function configuredProxy(url: URL, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { http, https, noProxy } = proxyVariables(env);
  const proxy = url.protocol === 'https:' ? (https ?? http) : http;
  if (proxy === undefined) return undefined;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const bypassed = noProxy
    .split(/[,\s]/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const [name = '', entryPort] = entry.toLowerCase().split(':');
      const host = name.replace(/^\*?\./, '');
      const hostMatches = url.hostname === host || url.hostname.endsWith(`.${host}`);
      return hostMatches && (entryPort === undefined || entryPort === port);
    });
  return bypassed ? undefined : proxy;
}

function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  const { http, https } = proxyVariables(env);
  return Boolean(http || https);
}

let sharedPool: Dispatcher | undefined;

/**
 * One request: its answer's status, headers and body (at most `limit` bytes, else no body and the
 * connection is closed). Errors are undici's or the socket's: `errorCode` and `networkReason` in
 * ./errors.ts name them.
 */
export async function sendRequest(url: URL, options: HttpRequest): Promise<HttpAnswer> {
  sharedPool ??= keepAlivePool({ idleMs: 4_000 });
  const dispatcher = options.dispatcher ?? sharedPool;
  const answer = await dispatcher.request({
    origin: url.origin,
    path: `${url.pathname}${url.search}`,
    method: options.method as HttpMethod,
    headers: options.headers,
    ...(options.body === undefined ? {} : { body: options.body }),
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of answer.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > options.limit) {
      // Destroying the body mid-answer closes its connection: nothing else reads from it.
      answer.body.destroy();
      return {
        status: answer.statusCode,
        headers: answer.headers as IncomingHttpHeaders,
        body: undefined,
        prefix: Buffer.concat(chunks),
      };
    }
    chunks.push(chunk);
  }
  return {
    status: answer.statusCode,
    headers: answer.headers as IncomingHttpHeaders,
    body: Buffer.concat(chunks),
  };
}
