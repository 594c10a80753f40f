import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { hmacHex } from './hmac.js';

export interface HandledDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  status: number;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

/**
 * A webhook handler as a user writes one: it checks x-salesloft-signature against the raw body
 * with its configured token and answers 401 when it does not match. `hold()` delays answers
 * until `release()`.
 */
export async function verifyingHandler(token: string) {
  const handled: HandledDelivery[] = [];
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const given = Buffer.from(String(req.headers['x-salesloft-signature'] ?? ''));
      const expected = Buffer.from(hmacHex(body, token));
      const status = given.length === expected.length && timingSafeEqual(given, expected) ? 200 : 401;
      handled.push({ path: req.url ?? '', headers: req.headers, body, status });
      await gate;
      res.writeHead(status).end(status === 200 ? 'ok' : 'bad signature');
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
  };
}
