import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { networkReason } from '../../../src/net/errors.js';
import { keepAliveAgent, sendRequest } from '../../../src/net/http-request.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: RequestListener): Promise<{ url: URL; connections: () => number }> {
  const server = createServer(handler);
  servers.push(server);
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: new URL(`http://127.0.0.1:${port}/path?q=1`), connections: () => connections };
}

const request = { method: 'GET', headers: {}, headersTimeoutMs: 2_000, bodyTimeoutMs: 2_000, limit: 1024 };

describe('sendRequest', () => {
  it('sends the method, path, headers and exact body, and gives back status, headers and body', async () => {
    const { url } = await serve((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        res.setHeader(
          'x-seen',
          `${req.method} ${req.url} ${req.headers['x-one']} ${req.headers['content-length']}`,
        );
        res.end(Buffer.concat(chunks));
      });
    });
    const body = Buffer.from('{"é":1}');
    const answer = await sendRequest(url, { ...request, method: 'POST', headers: { 'x-one': 'a' }, body });
    expect(answer.status).toBe(200);
    expect(answer.headers['x-seen']).toBe(`POST /path?q=1 a ${body.length}`);
    expect(answer.body).toEqual(body);
  });

  it('reuses a keep-alive connection through its agent', async () => {
    const { url, connections } = await serve((_req, res) => res.end('ok'));
    const agent = keepAliveAgent(url.protocol, { idleMs: 1_000 });
    for (let i = 0; i < 3; i++) expect((await sendRequest(url, { ...request, agent })).status).toBe(200);
    expect(connections()).toBe(1);
    agent.destroy();
  });

  it('waits for a slow answer past the pool’s idle time, which only closes unused connections', async () => {
    const { url } = await serve((_req, res) => setTimeout(() => res.end('late'), 300));
    const agent = keepAliveAgent(url.protocol, { idleMs: 100 });
    const answer = await sendRequest(url, { ...request, agent });
    expect(answer.body?.toString()).toBe('late');
    agent.destroy();
  });

  it('gives up on an answer that does not come, and on a body that stops, with codes networkReason names', async () => {
    const silent = await serve(() => {});
    const noAnswer = await sendRequest(silent.url, { ...request, headersTimeoutMs: 100 }).catch((e) => e);
    expect(networkReason(noAnswer)).toBe('timed out waiting for an answer (HEADERS_TIMEOUT)');

    const stalled = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '10' });
      res.write('abc');
    });
    const cutOff = await sendRequest(stalled.url, { ...request, bodyTimeoutMs: 100 }).catch((e) => e);
    expect(networkReason(cutOff)).toBe('timed out reading the answer (BODY_TIMEOUT)');
  });

  it('rejects with the signal’s reason when it aborts, and with the socket’s error when refused', async () => {
    const silent = await serve(() => {});
    const timedOut = await sendRequest(silent.url, { ...request, signal: AbortSignal.timeout(50) }).catch(
      (e) => e,
    );
    expect(timedOut).toMatchObject({ name: 'TimeoutError' });
    expect(networkReason(timedOut, 50)).toBe('no answer within 0.05 s');

    const closed = await serve(() => {});
    const port = closed.url.port;
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const refused = await sendRequest(new URL(`http://127.0.0.1:${port}/`), request).catch((e) => e);
    expect(networkReason(refused)).toBe('connection refused (ECONNREFUSED)');
  });

  it('gives no body for an answer over the limit, and closes that connection', async () => {
    const { url, connections } = await serve((_req, res) => res.end('x'.repeat(5_000)));
    const agent = keepAliveAgent(url.protocol, { idleMs: 1_000 });
    const over = await sendRequest(url, { ...request, agent });
    expect(over).toMatchObject({ status: 200, body: undefined });
    expect((await sendRequest(url, { ...request, agent, limit: 10_000 })).body?.length).toBe(5_000);
    expect(connections()).toBe(2);
    agent.destroy();
  });
});
