import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** The most of an answer's body that is read (and relayed, for link_swap). */
export const ANSWER_READ_LIMIT = 64 * 1024;

export interface PostedAnswer {
  status: number;
  /** The answer's headers and body (at most `ANSWER_READ_LIMIT` bytes; `truncated` when longer). */
  response: { headers: Record<string, string>; body: Buffer; truncated: boolean };
}

/** Keep-alive connections for one sender (the emulator's deliveries); `close` ends them. */
export interface Poster {
  post(
    url: string,
    body: Uint8Array,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<PostedAnswer>;
  close(): void;
}

function headersOf(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * A webhook POST with node:http (the package has no HTTP client dependency): the exact bytes, the
 * whole exchange bounded by `timeoutMs` (a `TimeoutError` then), the answer read up to the limit.
 * Network failures reject with Node's errors (`code` ECONNREFUSED, HPE_...).
 */
export function createPoster(): Poster {
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  return {
    post(url, body, headers, timeoutMs) {
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      return new Promise((resolve, reject) => {
        const send = secure ? httpsRequest : httpRequest;
        const request = send(target, {
          method: 'POST',
          headers: { ...headers, 'content-length': String(body.byteLength) },
          agent: secure ? agents.https : agents.http,
        });
        const timer = setTimeout(() => {
          const error = new Error(`no answer within ${timeoutMs} ms`);
          error.name = 'TimeoutError';
          request.destroy(error);
        }, timeoutMs);
        const fail = (error: Error) => {
          clearTimeout(timer);
          reject(error);
        };
        request.once('error', fail);
        request.once('response', (message) => {
          const chunks: Buffer[] = [];
          let size = 0;
          let truncated = false;
          const finish = () => {
            clearTimeout(timer);
            request.off('error', fail);
            request.on('error', () => {});
            resolve({
              status: message.statusCode ?? 0,
              response: { headers: headersOf(message), body: Buffer.concat(chunks), truncated },
            });
          };
          message.on('data', (chunk: Buffer) => {
            const room = ANSWER_READ_LIMIT - size;
            if (chunk.length > room) {
              chunks.push(chunk.subarray(0, room));
              size = ANSWER_READ_LIMIT;
              truncated = true;
              message.removeAllListeners('data');
              message.removeAllListeners('end');
              message.removeAllListeners('error');
              message.on('error', () => {});
              request.destroy();
              finish();
              return;
            }
            chunks.push(chunk);
            size += chunk.length;
          });
          message.once('end', finish);
          message.once('error', fail);
        });
        request.end(body);
      });
    },
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
