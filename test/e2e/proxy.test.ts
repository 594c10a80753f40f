import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';
import { emulator } from '../support/emulator.js';

const TLS = join(ROOT, 'test', 'fixtures', 'tls');
const KEY = 'ak_proxy_secret_0123456789';
const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) {
    server.closeAllConnections?.();
    server.close();
  }
});

async function listening(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A local stand-in for https://api.salesloft.com (its certificate is trusted through NODE_EXTRA_CA_CERTS). */
async function salesloft() {
  const asked: string[] = [];
  const server = createHttpsServer(
    {
      key: readFileSync(join(TLS, 'salesloft-key.pem')),
      cert: readFileSync(join(TLS, 'salesloft-cert.pem')),
    },
    (req, res) => {
      asked.push(`${req.method} ${req.headers.host}${req.url} ${req.headers.authorization}`);
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          data: [{ id: 9, callback_url: 'https://a.example/h', event_type: 'task_created', enabled: true }],
        }),
      );
    },
  );
  const port = await listening(server);
  return { port, asked };
}

/** A CONNECT proxy that tunnels to 127.0.0.1 whatever host it is asked for, and notes each request. */
async function proxy() {
  const seen: string[] = [];
  const server = createHttpServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(502).end();
  });
  server.on('connect', (req, client: Socket) => {
    seen.push(`CONNECT ${req.url}`);
    const port = Number((req.url ?? '').split(':')[1]);
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.push(upstream, client);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const port = await listening(server);
  return { url: `http://127.0.0.1:${port}`, seen };
}

function options(env: Record<string, string>) {
  return {
    env: { NODE_EXTRA_CA_CERTS: join(TLS, 'salesloft-cert.pem'), SALESLOFT_API_KEY: KEY, ...env },
    nodeArgs: ['--import', join(ROOT, 'test', 'support', 'resolve-hosts.mjs')],
  };
}

describe('behind a corporate proxy', () => {
  it('HTTPS_PROXY carries API calls through a CONNECT tunnel; the proxy never sees the key', async () => {
    const api = await salesloft();
    const through = await proxy();
    const apiUrl = `https://api.salesloft.com:${api.port}`;
    const result = await runCli(
      ['list', '--json'],
      options({ SALESLOFT_API_URL: apiUrl, HTTPS_PROXY: through.url }),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject([{ id: 9, event_type: 'task_created' }]);
    // Only tunnels: the list, then the team lookup, each through a CONNECT; never a request the proxy could read.
    expect(new Set(through.seen)).toEqual(new Set([`CONNECT api.salesloft.com:${api.port}`]));
    expect(api.asked).toEqual([
      `GET api.salesloft.com:${api.port}/v2/webhook_subscriptions Bearer ${KEY}`,
      `GET api.salesloft.com:${api.port}/v2/team Bearer ${KEY}`,
    ]);
  });

  it('lower-case https_proxy works too, and NO_PROXY bypasses the proxy', async () => {
    const api = await salesloft();
    const through = await proxy();
    const apiUrl = `https://api.salesloft.com:${api.port}`;
    const lower = await runCli(
      ['list', '--json'],
      options({ SALESLOFT_API_URL: apiUrl, https_proxy: through.url }),
    );
    expect(lower.code).toBe(0);
    const tunnelled = through.seen.length;
    expect(tunnelled).toBeGreaterThan(0);
    const bypass = await runCli(
      ['list', '--json'],
      options({ SALESLOFT_API_URL: apiUrl, HTTPS_PROXY: through.url, NO_PROXY: 'localhost,.salesloft.com' }),
    );
    expect(bypass.code).toBe(0);
    expect(through.seen).toHaveLength(tunnelled);
    expect(api.asked).toHaveLength(4);
  });

  it('a proxy that refuses connections is named in the error (exit 4)', async () => {
    const api = await salesloft();
    const closed = createHttpServer();
    const port = await listening(closed);
    await new Promise((resolve) => closed.close(resolve));
    servers.pop();
    const apiUrl = `https://api.salesloft.com:${api.port}`;
    const result = await runCli(
      ['list'],
      options({ SALESLOFT_API_URL: apiUrl, HTTPS_PROXY: `http://127.0.0.1:${port}` }),
    );
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(
      `Cannot reach Salesloft at api.salesloft.com:${api.port} through the proxy http://127.0.0.1:${port}: connection refused (ECONNREFUSED)`,
    );
    expect(api.asked).toEqual([]);
  });

  it('loopback targets never go through the proxy: the emulator, the forwarder, trigger', async () => {
    const emu = await emulator();
    const through = await proxy();
    const env = {
      SALESLOFT_API_URL: emu.url,
      SALESLOFT_API_KEY: 'ak_test',
      HTTPS_PROXY: through.url,
      HTTP_PROXY: through.url,
    };
    const listed = await runCli(['list', '--json'], { env });
    expect(listed.code).toBe(0);
    const app = createHttpServer((_req, res) => res.end('ok'));
    const appPort = await listening(app);
    const sent = await runCli(
      ['trigger', 'person_updated', '--to', `http://localhost:${appPort}/hooks`, '--token', 't'],
      { env },
    );
    expect(sent.code).toBe(0);
    expect(through.seen).toEqual([]);
  });

  it('NODE_DEBUG=http,net,tls,undici output through the proxy never holds the API key', async () => {
    const api = await salesloft();
    const through = await proxy();
    const apiUrl = `https://api.salesloft.com:${api.port}`;
    const result = await runCli(
      ['list', '--json'],
      options({
        SALESLOFT_API_URL: apiUrl,
        HTTPS_PROXY: through.url,
        NODE_DEBUG: 'http,https,net,tls,undici',
      }),
    );
    expect(result.code).toBe(0);
    expect(result.stderr.length).toBeGreaterThan(0);
    expect(result.stdout + result.stderr).not.toContain(KEY);
  });

  it('a proxy that asks for credentials (407) is asked once, and the error says so (exit 4)', async () => {
    const api = await salesloft();
    const connects: string[] = [];
    const strict = createHttpServer();
    strict.on('connect', (req, client: Socket) => {
      connects.push(`${req.url}`);
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\n\r\n',
      );
    });
    const port = await listening(strict);
    const apiUrl = `https://api.salesloft.com:${api.port}`;
    const result = await runCli(
      ['list'],
      options({ SALESLOFT_API_URL: apiUrl, HTTPS_PROXY: `http://127.0.0.1:${port}` }),
    );
    expect(result.code).toBe(4);
    expect(result.stderr.trim()).toBe(
      `Error: Cannot reach Salesloft at api.salesloft.com:${api.port} through the proxy http://127.0.0.1:${port}: the proxy asks for credentials: give them in the proxy variable, http://user:password@host:port (PROXY_AUTH_REQUIRED)`,
    );
    expect(connects).toEqual([`api.salesloft.com:${api.port}`]);
    expect(api.asked).toEqual([]);
  });

  it('a proxy password with a raw @ is masked whole; a proxy variable that is not a URL is exit 2 naming it', async () => {
    const closed = createHttpServer();
    const port = await listening(closed);
    await new Promise((resolve) => closed.close(resolve));
    servers.pop();
    const apiUrl = 'https://api.salesloft.com:9';
    const raw = await runCli(
      ['list'],
      options({ SALESLOFT_API_URL: apiUrl, HTTPS_PROXY: `http://ada:p@ss-w0rd@127.0.0.1:${port}` }),
    );
    expect(raw.code).toBe(4);
    expect(raw.stderr).toContain(`through the proxy http://***@127.0.0.1:${port}:`);
    expect(raw.stderr).not.toContain('ss-w0rd');
    for (const [name, value, shown] of [
      ['HTTPS_PROXY', 'proxy.corp:8080', 'proxy.corp:8080'],
      ['https_proxy', 'ada:s3cret@proxy.corp:8080', '***@proxy.corp:8080'],
      ['HTTP_PROXY', 'not a url', 'not a url'],
    ] as const) {
      const result = await runCli(['list'], options({ SALESLOFT_API_URL: apiUrl, [name]: value }));
      expect(result, name).toMatchObject({
        code: 2,
        stderr: `Error: ${name} is not a URL (http://host:port): "${shown}".\n`,
      });
    }
  });
});
