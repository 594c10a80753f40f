import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { describeError } from '../../../src/shared/errors.js';
import { TestClock } from '../../support/clock.js';
import { client, emulator } from '../../support/emulator.js';

const NEW = {
  callback_url: 'https://hooks.example.com/in',
  callback_token: 'tok_123456789',
  event_type: 'person_updated',
};

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A plain server that answers every request with `reply`, to see how the client reads odd shapes. */
async function fixedServer(reply: (path: string) => { status: number; body?: string }): Promise<string> {
  const server = createServer((req, res) => {
    const { status, body } = reply(req.url ?? '/');
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('SalesloftClient against the emulator', () => {
  it('creates, gets, lists with the enabled filter, disables and deletes', async () => {
    const emu = await emulator();
    const { client: api } = client(emu.url);
    const created = await api.create(NEW);
    expect(created).toMatchObject({ ...NEW, enabled: true, tenant_id: expect.any(Number) });
    expect(await api.get(created.id)).toEqual(created);
    await api.setEnabled(created.id, false);
    expect(await api.list({ enabled: true })).toEqual([]);
    expect((await api.list({ enabled: false })).map((sub) => sub.id)).toEqual([created.id]);
    expect(await api.delete(created.id)).toBe('deleted');
    expect(await api.delete(created.id)).toBe('already_gone');
    expect(emu.store.list()).toEqual([]);
  });

  it('sends Bearer auth and its User-Agent', async () => {
    let seen: Record<string, string | string[] | undefined> = {};
    const server = createServer((req, res) => {
      seen = req.headers;
      res.end('{"data":[]}');
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { client: api } = client(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await api.list();
    expect(seen.authorization).toBe('Bearer ak_test');
    expect(seen['user-agent']).toBe('salesloft-hooks/test');
  });

  it('accepts both the data envelope and bare bodies', async () => {
    const sub = { id: 7, ...NEW, enabled: true };
    const bare = await fixedServer((path) => ({
      status: 200,
      body: JSON.stringify(path.endsWith('/7') ? sub : [sub]),
    }));
    const wrapped = await fixedServer((path) => ({
      status: 200,
      body: JSON.stringify({ data: path.endsWith('/7') ? sub : [sub] }),
    }));
    for (const url of [bare, wrapped]) {
      const { client: api } = client(url);
      expect(await api.list()).toEqual([sub]);
      expect(await api.get(7)).toEqual(sub);
    }
  });

  it('turns each error shape into one line with Salesloft’s words', async () => {
    const emu = await emulator();
    const { client: api } = client(emu.url);
    const invalid = await api.create({ ...NEW, event_type: 'opportunity_created' }).catch((error) => error);
    expect(describeError(invalid)).toEqual({
      code: 'api',
      message: 'Salesloft answered 422: event_type: is not included in the list',
      exitCode: 4,
    });
    const missing = await api.get(999).catch((error) => error);
    expect(describeError(missing)).toEqual({
      code: 'not_found',
      message: 'Not found in Salesloft (404): Not Found',
      exitCode: 4,
    });
    const blank = await api.create({ ...NEW, callback_url: '', callback_token: '' }).catch((error) => error);
    expect(describeError(blank).message).toBe(
      "Salesloft answered 422: callback_url: can't be blank; callback_token: can't be blank",
    );
  });

  it('maps a refused API key to exit 3 with Salesloft’s message', async () => {
    const emu = await emulator({ apiKey: 'ak_right' });
    const { client: api } = client(emu.url, { apiKey: 'ak_wrong' });
    const error = await api.list().catch((caught) => caught);
    expect(describeError(error)).toMatchObject({ code: 'auth', exitCode: 3 });
    expect(describeError(error).message).toMatch(
      /^Salesloft refused the API token \(401\): No Bearer Token attached to request, please see documentation at developers\.salesloft\.com$/,
    );
    expect(describeError(error).message).not.toContain('ak_wrong');
  });

  it('maps a dead port to exit 4, naming the host', async () => {
    const deadUrl = await fixedServer(() => ({ status: 200 }));
    const [server] = servers.splice(0);
    await new Promise((resolve) => server?.close(resolve));
    const { client: api } = client(deadUrl);
    const error = await api.list().catch((caught) => caught);
    const host = new URL(deadUrl).host;
    expect(describeError(error)).toEqual({
      code: 'network',
      message: `Cannot reach Salesloft at ${host}: connection refused (ECONNREFUSED)`,
      exitCode: 4,
    });
  });

  it('retries a GET answered 500 and succeeds', async () => {
    const emu = await emulator();
    emu.faults.add({ kind: 'status', status: 500, method: 'GET', count: 2 });
    const { client: api } = client(emu.url);
    expect(await api.list()).toEqual([]);
    expect(emu.requests.map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('gives up on a GET after bounded attempts with exit 4', async () => {
    const emu = await emulator();
    emu.faults.add({ kind: 'status', status: 503, count: 0 });
    const { client: api } = client(emu.url);
    const error = await api.list().catch((caught) => caught);
    expect(describeError(error)).toMatchObject({ exitCode: 4, message: expect.stringContaining('503') });
    expect(emu.requests).toHaveLength(4);
  });

  it('after a 429 without Retry-After, waits for the server’s next minute, says so, and succeeds', async () => {
    const emu = await emulator({ rateLimitPerMinute: 2 });
    // The emulator's clock 2 s before a minute boundary; the client's waits move it on too.
    emu.clockOffsetMs = 60_000 - (Date.now() % 60_000) - 2_000;
    const clock = new TestClock((ms) => {
      emu.clockOffsetMs += ms;
    });
    // lowWater 0: no slowing down before the wall, so the third request meets the 429.
    const { client: api, notes } = client(emu.url, {
      retry: { baseDelayMs: 5, rateLimitJitterMs: 10, lowWater: 0 },
      clock,
    });
    await api.list();
    await api.list();
    expect(await api.list()).toEqual([]);
    expect(emu.requests.map((r) => r.status)).toEqual([200, 200, 429, 200]);
    expect(notes).toEqual([
      expect.stringMatching(
        /^Rate limited by Salesloft \(429\): waiting [\d.]+ s for Salesloft's next rate-limit minute\.$/,
      ),
    ]);
    // Waited until the server's minute turned (about 2 s), not a fixed back-off.
    expect(clock.slept).toHaveLength(1);
    expect(clock.slept[0]).toBeGreaterThanOrEqual(1_500);
    expect(clock.slept[0]).toBeLessThanOrEqual(2_600);
  });

  it('honours Retry-After', async () => {
    const emu = await emulator();
    emu.faults.add({ kind: 'status', status: 429, retry_after: 0.05 });
    const { client: api, notes } = client(emu.url);
    await api.list();
    expect(notes[0]).toMatch(/as Salesloft asked \(Retry-After\)/);
  });

  it('gives up after a bounded total wait for rate limits, with exit 4', async () => {
    const emu = await emulator();
    emu.faults.add({ kind: 'status', status: 429, retry_after: 0.05, count: 0 });
    const { client: api } = client(emu.url, {
      retry: { baseDelayMs: 5, maxDelayMs: 20, rateLimitJitterMs: 0, maxRateLimitWaitMs: 200 },
    });
    const error = await api.list().catch((caught) => caught);
    expect(describeError(error)).toMatchObject({
      exitCode: 4,
      message: expect.stringMatching(/kept answering 429/),
    });
  });

  it.each([
    ['a 500', { reset: false }],
    ['a reset connection', { reset: true }],
  ])('an uncertain create answered with %s never leaves a duplicate', async (_label, fault) => {
    const emu = await emulator();
    emu.faults.add({ kind: 'uncertain_create', ...fault });
    const { client: api } = client(emu.url);
    const created = await api.create(NEW);
    expect(emu.store.list()).toEqual([created]);
    // It looked before creating again.
    expect(emu.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      `POST ${fault.reset ? 0 : 500}`,
      'GET 200',
    ]);
  });

  it('a create that failed for certain is retried', async () => {
    const emu = await emulator();
    emu.faults.add({ kind: 'status', status: 502, method: 'POST' });
    const { client: api } = client(emu.url);
    await api.create(NEW);
    expect(emu.store.list()).toHaveLength(1);
    expect(emu.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 502', 'GET 200', 'POST 200']);
  });

  it('retries a create after a 429', async () => {
    const emu = await emulator();
    emu.faults.add({ kind: 'status', status: 429, retry_after: 0, method: 'POST' });
    const { client: api } = client(emu.url);
    await api.create(NEW);
    expect(emu.store.list()).toHaveLength(1);
  });

  it('spaces requests out when the remaining budget runs low', async () => {
    const emu = await emulator({ rateLimitPerMinute: 25 });
    const { client: api, clock } = client(emu.url, { retry: { lowWater: 23 } });
    for (let i = 0; i < 4; i++) await api.list();
    // The first answers leave 24 and 23 in the minute; below 23 each request waits its share.
    expect(clock.slept.length).toBeGreaterThanOrEqual(1);
    expect(clock.slept.every((ms) => ms > 0 && ms <= 2_000)).toBe(true);
    expect(emu.requests.every((r) => r.status === 200)).toBe(true);
  });
});

describe('answers that cannot be trusted', () => {
  it('a list holding null, or a PUT answered with another id, is an unexpected answer (exit 4)', async () => {
    const sub = { id: 1, callback_url: 'https://x.example', event_type: 'person_updated', enabled: true };
    const url = await fixedServer((path) =>
      path.endsWith('/1')
        ? { status: 200, body: JSON.stringify({ data: { ...sub, id: 2 } }) }
        : { status: 200, body: JSON.stringify({ data: [sub, null] }) },
    );
    const { client: api } = client(url);
    for (const call of [() => api.list(), () => api.setEnabled(1, false)]) {
      const error = await call().catch((caught: unknown) => caught);
      expect(describeError(error)).toMatchObject({
        exitCode: 4,
        message: expect.stringMatching(/^Unexpected answer from Salesloft: /),
      });
    }
  });

  it('an answer over 8 MiB is refused as such, not as a network failure', async () => {
    const huge = `{"data":[${'"x",'.repeat(3 * 1024 * 1024)}"x"]}`;
    const url = await fixedServer(() => ({ status: 200, body: huge }));
    const error = await client(url)
      .client.list()
      .catch((caught: unknown) => caught);
    expect(describeError(error)).toMatchObject({
      exitCode: 4,
      message: expect.stringContaining('over 8 MiB'),
    });
  });

  it('a server that sends headers then dribbles is given up after the total deadline, with a note while waiting', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":[');
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { client: api, notes } = client(url, { timeouts: { totalMs: 600, noticeMs: 200 } });
    const error = await api.list().catch((caught: unknown) => caught);
    server.closeAllConnections();
    expect(describeError(error).exitCode).toBe(4);
    expect(notes.some((note) => note.startsWith(`Still waiting for Salesloft at 127.0.0.1:`))).toBe(true);
  });

  it('says it is still waiting once per call, however many attempts the call makes', async () => {
    const server = createServer(() => {});
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { client: api, notes } = client(url, {
      timeouts: { totalMs: 5_000, noticeMs: 100, headersMs: 250 },
      retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20, rateLimitJitterMs: 10 },
    });
    await api.list().catch(() => undefined);
    server.closeAllConnections();
    expect(notes.filter((note) => note.startsWith('Still waiting for Salesloft'))).toHaveLength(1);
  });

  it('a TLS black hole (a port that takes the connection and never answers the handshake) ends in our words', async () => {
    const sockets = new Set<Socket>();
    const hole = createNetServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(hole.address() as AddressInfo).port}`;
    const { client: api } = client(url, { timeouts: { connectMs: 200, totalMs: 600 } });
    const error = await api.list().catch((caught: unknown) => caught);
    for (const socket of sockets) socket.destroy();
    hole.close();
    expect(describeError(error)).toMatchObject({
      exitCode: 4,
      message: expect.stringMatching(
        /^Cannot reach Salesloft at 127\.0\.0\.1:\d+: timed out connecting \(CONNECT_TIMEOUT\)$/,
      ),
    });
  });
});
