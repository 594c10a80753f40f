import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';

const TLS = join(ROOT, 'test', 'fixtures', 'tls');
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A local HTTPS Salesloft that answers the list with one subscription and notes what it was asked. */
async function httpsApi(): Promise<{ url: string; asked: string[] }> {
  const asked: string[] = [];
  const server = createServer(
    { key: readFileSync(join(TLS, 'key.pem')), cert: readFileSync(join(TLS, 'cert.pem')) },
    (req, res) => {
      asked.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          data: [{ id: 7, callback_url: 'https://a.example/h', event_type: 'person_updated', enabled: true }],
        }),
      );
    },
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, asked };
}

describe('the API over HTTPS', () => {
  it('lists through TLS with a certificate the machine trusts', async () => {
    const api = await httpsApi();
    const result = await runCli(['list', '--json', '--api-url', api.url, '--api-key', 'tls-key'], {
      env: { NODE_EXTRA_CA_CERTS: join(TLS, 'cert.pem') },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject([{ id: 7, event_type: 'person_updated' }]);
    // Then the team it acts on (this test server names none, so nothing is said of it).
    expect(api.asked).toEqual([
      'GET /v2/webhook_subscriptions Bearer tls-key',
      'GET /v2/team Bearer tls-key',
    ]);
  });

  it('refuses a certificate it cannot verify, with a network error (exit 4) and nothing sent', async () => {
    const api = await httpsApi();
    const result = await runCli(['list', '--api-url', api.url, '--api-key', 'tls-key']);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/Cannot reach Salesloft at 127\.0\.0\.1:\d+: .*(SELF_SIGNED|self-signed)/i);
    expect(result.stderr).not.toContain('tls-key');
    expect(api.asked).toEqual([]);
  });
});
