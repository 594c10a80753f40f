import type { IncomingHttpHeaders } from 'node:http';
import { proxyVariableProblem, proxyVariables } from '../shared/config.js';
import { UsageError } from '../shared/errors.js';
import type { DispatchController, Dispatcher, DispatchHandler } from './undici.js';
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
  /** The whole exchange's bound: past it, rejects with a TimeoutError (one timer, cleared at the end). */
  deadlineMs?: number;
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
 * ./errors.ts name them. Sent with undici's `dispatch` and a handler that keeps the answer's
 * chunks: `request()` would wrap each answer in a stream read by an async iterator, and a
 * deadline needs no AbortController (issue 38: a forward at the floor's cost).
 */
export function sendRequest(url: URL, options: HttpRequest): Promise<HttpAnswer> {
  sharedPool ??= keepAlivePool({ idleMs: 4_000 });
  const dispatcher = options.dispatcher ?? sharedPool;
  return new Promise((resolve, reject) => {
    const answer = new AnswerCollector(options.limit, resolve, reject);
    const { signal, deadlineMs } = options;
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => answer.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer =
      deadlineMs === undefined
        ? undefined
        : setTimeout(
            () => answer.abort(new DOMException(`no answer within ${deadlineMs} ms`, 'TimeoutError')),
            deadlineMs,
          );
    answer.settled = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    try {
      dispatcher.dispatch(
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: options.method as HttpMethod,
          headers: options.headers,
          ...(options.body === undefined ? {} : { body: options.body }),
          headersTimeout: options.headersTimeoutMs,
          bodyTimeout: options.bodyTimeoutMs,
        },
        answer,
      );
    } catch (error) {
      answer.onResponseError(undefined, error as Error);
    }
  });
}

/** Keeps one answer as it arrives, up to `limit` bytes; settles once, on the first of its ends. */
class AnswerCollector implements DispatchHandler {
  settled: () => void = () => {};
  private controller: DispatchController | undefined;
  /** An abort asked for before undici handed over its controller (a request still queued). */
  private pendingAbort: Error | undefined;
  private done = false;
  private status = 0;
  private headers: IncomingHttpHeaders = {};
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly limit: number,
    private readonly resolve: (answer: HttpAnswer) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  /**
   * Stops the request with `reason`. Before undici has handed over its controller (the connection
   * is still opening, or the request waits for one) it is stopped when that comes; an error of the
   * connection's own (a connect timeout, a refusal) comes first and says more. undici's `request()`
   * with a signal behaves the same.
   */
  abort(reason: unknown): void {
    const error = reason instanceof Error ? reason : new Error(String(reason));
    if (this.controller) this.controller.abort(error);
    else this.pendingAbort = error;
  }

  onRequestStart(controller: DispatchController): void {
    this.controller = controller;
    if (this.pendingAbort) {
      this.fail(this.pendingAbort);
      controller.abort(this.pendingAbort);
    }
  }

  onResponseStart(_controller: DispatchController, status: number, headers: IncomingHttpHeaders): void {
    this.status = status;
    this.headers = headers;
  }

  onResponseData(controller: DispatchController, chunk: Buffer): void {
    if (this.done) return;
    this.size += chunk.length;
    if (this.size > this.limit) {
      const answer = {
        status: this.status,
        headers: this.headers,
        body: undefined,
        prefix: Buffer.concat(this.chunks),
      };
      // Aborting mid-answer closes its connection (nothing else reads from it) and calls back
      // onResponseError at once: the answer is settled around it, so that error is not the answer.
      this.done = true;
      controller.abort(new Error('answer over its size limit'));
      this.settled();
      this.resolve(answer);
      return;
    }
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    this.finish({ status: this.status, headers: this.headers, body: Buffer.concat(this.chunks, this.size) });
  }

  onResponseError(_controller: DispatchController | undefined, error: Error): void {
    this.fail(error);
  }

  private finish(answer: HttpAnswer): void {
    if (this.done) return;
    this.done = true;
    this.settled();
    this.resolve(answer);
  }

  private fail(error: Error): void {
    if (this.done) return;
    this.done = true;
    this.settled();
    this.reject(error);
  }
}
