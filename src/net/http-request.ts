import { Agent, type IncomingHttpHeaders, type IncomingMessage, request } from 'node:http';
import { readCapped } from './body.js';
import { TIMEOUT_CODES } from './errors.js';

// The HTTP client under the API client and the timed POST: node:http, which loads and makes a
// first request in about 20 ms and 300 page faults on these machines, where undici took about
// 55 ms and 1,400. node:https loads only for an https URL.

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** `undefined` when the body passed `limit` bytes (the connection is then closed). */
  body: Buffer | undefined;
}

export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** A keep-alive pool from `keepAliveAgent` for the URL's protocol; else Node's global agent. */
  agent?: Agent;
  /** Longest wait for a new connection to open. */
  connectTimeoutMs?: number;
  /** Longest wait from the connection to the answer's headers. */
  headersTimeoutMs: number;
  /** Longest pause between two parts of the answer's body. */
  bodyTimeoutMs: number;
  limit: number;
  /** Aborting rejects with the signal's reason (a TimeoutError for `AbortSignal.timeout`). */
  signal?: AbortSignal;
}

/** A keep-alive pool; idle connections close after `idleMs` and never hold the process open. */
export function keepAliveAgent(protocol: string, options: { maxSockets?: number; idleMs: number }): Agent {
  const Pool = protocol === 'https:' ? process.getBuiltinModule('node:https').Agent : Agent;
  return new Pool({ keepAlive: true, timeout: options.idleMs, maxSockets: options.maxSockets ?? Infinity });
}

export function sendRequest(url: URL, options: HttpRequest): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const { signal } = options;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const send = url.protocol === 'https:' ? process.getBuiltinModule('node:https').request : request;
    const req = send(url, {
      method: options.method,
      ...(options.agent ? { agent: options.agent } : {}),
    });
    // Set on the request, not in its options: NODE_DEBUG=http prints the options a connection is
    // made with, and these headers carry the API key.
    for (const [name, value] of Object.entries(options.headers)) req.setHeader(name, value);
    let response: IncomingMessage | undefined;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const fail = (error: unknown) => {
      const reason = error instanceof Error ? error : new Error(String(error));
      response?.destroy(reason);
      req.destroy(reason);
    };
    const within = (ms: number, code: string, what: string) => {
      clearTimeout(timer);
      if (settled) return;
      timer = setTimeout(() => fail(Object.assign(new Error(`${what} took over ${ms} ms`), { code })), ms);
    };
    const onAbort = () => fail(signal?.reason);
    const finish = () => {
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    req.once('socket', (socket) => {
      const awaitHeaders = () => within(options.headersTimeoutMs, TIMEOUT_CODES.headers, 'the answer');
      if (socket.connecting && options.connectTimeoutMs !== undefined) {
        within(options.connectTimeoutMs, TIMEOUT_CODES.connect, 'connecting');
        socket.once('connect', awaitHeaders);
      } else {
        awaitHeaders();
      }
    });
    req.once('response', (res) => {
      response = res;
      const idle = () => within(options.bodyTimeoutMs, TIMEOUT_CODES.body, 'a part of the answer');
      idle();
      res.on('data', idle);
      res.on('error', (error) => {
        finish();
        reject(error);
      });
      readCapped(res, options.limit, (body) => {
        finish();
        res.off('data', idle);
        if (body === undefined) {
          res.destroy();
          req.destroy();
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on('error', (error) => {
      finish();
      reject(error);
    });
    req.end(options.body);
  });
}
