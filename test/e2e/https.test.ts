import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
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

describe('--insecure: a self-signed local https app, from trigger, replay and doctor', () => {
  async function selfSignedApp(): Promise<{ url: string; bodies: string[] }> {
    const bodies: string[] = [];
    const server = createServer(
      { key: readFileSync(join(TLS, 'key.pem')), cert: readFileSync(join(TLS, 'cert.pem')) },
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          bodies.push(Buffer.concat(chunks).toString());
          res.end('ok');
        });
      },
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies };
  }

  it('trigger reaches it with --insecure; without, exit 4 naming the flag; for another host --insecure is exit 2', async () => {
    const app = await selfSignedApp();
    const refused = await runCli(['trigger', 'person_updated', '--to', app.url, '--token', 't']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(
      'its certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT): pass --insecure (loopback only), or trust its CA with NODE_EXTRA_CA_CERTS',
    );
    expect(app.bodies).toEqual([]);
    const sent = await runCli(['trigger', 'person_updated', '--to', app.url, '--token', 't', '--insecure']);
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(/^#1 person_updated {2}<-- 200/);
    expect(app.bodies).toHaveLength(1);
    const remote = await runCli([
      'trigger',
      'person_updated',
      '--to',
      'https://hooks.example.com/x',
      '--token',
      't',
      '--insecure',
    ]);
    expect(remote).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        '--insecure is for your own dev server on this machine, not hooks.example.com',
      ),
    });
  });

  it('replay sends a recorded delivery to it with --insecure', async () => {
    const app = await selfSignedApp();
    const recording = join(mkdtempSync(join(tmpdir(), 'slh-rec-')), 'session.jsonl');
    const body = '{"id":5,"first_name":"Ada"}';
    writeFileSync(
      recording,
      `${JSON.stringify({
        v: 1,
        id: 5,
        received_at: '2026-12-07T10:00:00.000Z',
        event_type: 'person_updated',
        path: '/salesloft-hooks/0123456789ab',
        headers: { 'content-type': 'application/json', 'x-salesloft-event': 'person_updated' },
        body_base64: Buffer.from(body).toString('base64'),
        signature: { valid: true, reason: null },
      })}\n`,
    );
    const args = ['replay', '5', '--from', recording, '--to', app.url, '--token', 't'];
    expect((await runCli(args)).code).toBe(4);
    const sent = await runCli([...args, '--insecure']);
    expect(sent.code).toBe(0);
    expect(app.bodies).toEqual([body]);
  });

  it('doctor runs its checks against it with --insecure', async () => {
    const app = await selfSignedApp();
    const refused = await runCli(['doctor', '--to', app.url, '--token', 't']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('pass --insecure (loopback only)');
    const checked = await runCli(['doctor', '--to', app.url, '--token', 't', '--insecure']);
    // The app answers 200 to anything: doctor gets through and says what it refused to refuse.
    expect(checked.code).toBe(1);
    expect(app.bodies.length).toBeGreaterThan(1);
  });
});
