import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEveryTest } from './after-test.js';
import { hmacHex } from './hmac.js';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const servers: Server[] = [];
afterEveryTest(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

/** Closes `server` (and its connections) after the test; returns it. */
export function closeAfterTest<T extends Server>(server: T): T {
  servers.push(server);
  return server;
}

/**
 * A local webhook target that records what it receives and answers with `status(n)` for the n-th
 * request, with the text `ok` or the given `answer` (a link_swap app's JSON, say).
 */
export async function recordingServer(
  status: (n: number) => number = () => 200,
  answer: { body: string; headers?: Record<string, string> } = { body: 'ok' },
) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      res.writeHead(status(received.length), answer.headers);
      res.end(answer.body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

export interface HandledDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  status: number;
}

/**
 * A webhook handler as a user writes one: it checks x-salesloft-signature against the raw body
 * with its configured token and answers 401 when it does not match. `hold()` delays answers
 * until `release()`.
 */
export async function verifyingHandler(token: string) {
  const handled: HandledDelivery[] = [];
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => {};
  let failing = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const given = Buffer.from(String(req.headers['x-salesloft-signature'] ?? ''));
      const expected = Buffer.from(hmacHex(body, token));
      const verified = given.length === expected.length && timingSafeEqual(given, expected);
      const broken = verified && failing > 0;
      if (broken) failing -= 1;
      const status = broken ? 500 : verified ? 200 : 401;
      handled.push({ path: req.url ?? '', headers: req.headers, body, status });
      await gate;
      if (broken) {
        res
          .writeHead(500, { 'content-type': 'application/json', 'x-handler': 'test' })
          .end('{"error":"boom"}');
        return;
      }
      res.writeHead(status, { 'x-handler': 'test' }).end(status === 200 ? 'ok' : 'bad signature');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    handled,
    hold: () => {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release: () => open(),
    /** The next `count` verified deliveries get a 500 with a JSON body (a handler bug). */
    failNext: (count: number) => {
      failing = count;
    },
  };
}
