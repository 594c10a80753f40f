import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { networkReason } from '../../../packages/webhooks/src/net/errors.js';
import { configuredProxy, keepAlivePool, sendRequest } from '../../../src/net/http-request.js';
import { until } from '../../support/wait.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(
  handler: RequestListener,
): Promise<{ url: URL; connections: () => number; closed: () => number }> {
  const server = createServer(handler);
  servers.push(server);
  let connections = 0;
  let closed = 0;
  server.on('connection', (socket) => {
    connections += 1;
    socket.on('close', () => {
      closed += 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}/path?q=1`),
    connections: () => connections,
    closed: () => closed,
  };
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

  it('reuses a keep-alive connection through its pool', async () => {
    const { url, connections } = await serve((_req, res) => res.end('ok'));
    const dispatcher = keepAlivePool({ idleMs: 1_000, connections: 1 });
    for (let i = 0; i < 3; i++) expect((await sendRequest(url, { ...request, dispatcher })).status).toBe(200);
    expect(connections()).toBe(1);
    await dispatcher.destroy();
  });

  it('waits for a slow answer past the pool’s idle time, which only closes unused connections', async () => {
    const { url } = await serve((_req, res) => setTimeout(() => res.end('late'), 300));
    const dispatcher = keepAlivePool({ idleMs: 100 });
    const answer = await sendRequest(url, { ...request, dispatcher });
    expect(answer.body?.toString()).toBe('late');
    await dispatcher.destroy();
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

  it('bounds the whole exchange by its deadline: an answer that trickles under each timeout still ends, and its connection closes', async () => {
    let served = 0;
    const trickle = await serve((_req, res) => {
      served += 1;
      res.writeHead(200, { 'content-length': '1000' });
      const timer = setInterval(() => res.write('x'), 30);
      res.on('close', () => clearInterval(timer));
    });
    const { url, closed } = trickle;
    const error = await sendRequest(url, { ...request, deadlineMs: 300 }).catch((e) => e);
    expect(error).toMatchObject({ name: 'TimeoutError', message: 'no answer within 300 ms' });
    expect(networkReason(error, 300)).toBe('no answer within 0.3 s');
    await until(() => closed() >= 1);
    expect(served).toBe(1);
  });

  it('rejects at once with an already aborted signal’s reason, sending nothing', async () => {
    const { url, connections } = await serve((_req, res) => res.end('ok'));
    const aborted = AbortSignal.abort(new Error('gone'));
    await expect(sendRequest(url, { ...request, signal: aborted })).rejects.toThrow('gone');
    expect(connections()).toBe(0);
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
    const { url, connections, closed } = await serve((_req, res) => res.end('x'.repeat(5_000)));
    const dispatcher = keepAlivePool({ idleMs: 1_000 });
    const over = await sendRequest(url, { ...request, dispatcher });
    expect(over).toMatchObject({ status: 200, body: undefined });
    expect(over.prefix?.length).toBeLessThanOrEqual(1024);
    // The next request is answered whole, on another connection; the first is closed.
    expect((await sendRequest(url, { ...request, dispatcher, limit: 10_000 })).body?.length).toBe(5_000);
    await until(() => closed() >= 1);
    expect(connections()).toBeGreaterThanOrEqual(2);
    await dispatcher.destroy();
  });

  it('an idle keep-alive connection never holds the process open', async () => {
    const { execFile } = await import('node:child_process');
    const { url } = await serve((_req, res) => res.end('ok'));
    const script = `
      const { keepAlivePool, sendRequest } = await import(${JSON.stringify(new URL('../../../src/net/http-request.ts', import.meta.url).href)});
      const dispatcher = keepAlivePool({ idleMs: 60_000 });
      const answer = await sendRequest(new URL(${JSON.stringify(url.href)}), { method: 'GET', headers: {}, dispatcher, headersTimeoutMs: 2000, bodyTimeoutMs: 2000, limit: 100 });
      console.log(answer.status);`;
    // (Not spawnSync: the server above must go on answering.)
    const child = await new Promise<{ stdout: string; signal: string | null }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        { timeout: 20_000 },
        (error, stdout) => resolve({ stdout, signal: (error as { signal?: string } | null)?.signal ?? null }),
      );
    });
    expect(child.stdout.trim()).toBe('200');
    // It exits on its own, before the pool's 60 s idle time: not killed at 20 s.
    expect(child.signal).toBe(null);
  });
});

describe('configuredProxy', () => {
  const url = new URL('https://api.salesloft.com/v2/webhook_subscriptions');
  it('reads the proxy for the protocol as undici does, lower case first, and NO_PROXY bypasses it', () => {
    expect(configuredProxy(url, {})).toBeUndefined();
    expect(configuredProxy(url, { HTTPS_PROXY: 'http://p:3128' })).toBe('http://p:3128');
    expect(configuredProxy(url, { HTTP_PROXY: 'http://h:3128' })).toBe('http://h:3128');
    expect(configuredProxy(url, { https_proxy: 'http://low:1', HTTPS_PROXY: 'http://up:2' })).toBe(
      'http://low:1',
    );
    expect(
      configuredProxy(new URL('http://api.example.com/'), { HTTPS_PROXY: 'http://p:3128' }),
    ).toBeUndefined();
    for (const noProxy of [
      'api.salesloft.com',
      '.salesloft.com',
      '*.salesloft.com',
      '*',
      'x.test, salesloft.com:443',
    ]) {
      expect(
        configuredProxy(url, { HTTPS_PROXY: 'http://p:3128', NO_PROXY: noProxy }),
        noProxy,
      ).toBeUndefined();
    }
    expect(configuredProxy(url, { HTTPS_PROXY: 'http://p:3128', NO_PROXY: 'salesloft.com:8443' })).toBe(
      'http://p:3128',
    );
  });
});
