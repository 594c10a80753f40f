import { describe, expect, it } from 'vitest';
import { emulator } from '../../support/emulator.js';
import { hmacHex } from '../../support/hmac.js';
import { recordingServer } from '../../support/receiver.js';
import { until } from '../../support/wait.js';

const hmacSha1 = (body: Buffer, key: string) => hmacHex(body, key);

async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = 'ak_any',
) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

describe('emulator REST resource', () => {
  it('answers an empty team as {"data":[]} with rate-limit headers', async () => {
    const emu = await emulator();
    const answer = await call(emu.url, 'GET', '/v2/webhook_subscriptions');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ data: [] });
    expect(answer.headers.get('x-ratelimit-endpoint-cost')).toBe('1');
    expect(answer.headers.get('x-ratelimit-remaining-minute')).toBe('599');
  });

  it('requires a Bearer token, and only the configured one when given', async () => {
    const open = await emulator();
    const none = await call(open.url, 'GET', '/v2/webhook_subscriptions', undefined, null);
    expect(none.status).toBe(401);
    expect(none.json).toEqual({
      error: 'No Bearer Token attached to request, please see documentation at developers.salesloft.com',
    });
    // A refused request costs nothing.
    const after = await call(open.url, 'GET', '/v2/webhook_subscriptions');
    expect(after.headers.get('x-ratelimit-remaining-minute')).toBe('599');
    const locked = await emulator({ apiKey: 'ak_right' });
    expect((await call(locked.url, 'GET', '/v2/webhook_subscriptions', undefined, 'ak_wrong')).status).toBe(
      401,
    );
    expect((await call(locked.url, 'GET', '/v2/webhook_subscriptions', undefined, 'ak_right')).status).toBe(
      200,
    );
  });

  it('creates with integer ids, tenant and user guid; gets, updates with PUT, deletes with 204', async () => {
    const emu = await emulator();
    const created = await call(emu.url, 'POST', '/v2/webhook_subscriptions', {
      callback_url: 'https://example.com/hook',
      callback_token: 'tok',
      event_type: 'task_completed',
    });
    expect(created.status).toBe(200);
    expect(created.json.data).toEqual({
      id: expect.any(Number),
      callback_url: 'https://example.com/hook',
      callback_token: 'tok',
      event_type: 'task_completed',
      enabled: true,
      tenant_id: expect.any(Number),
      user_guid: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const id = created.json.data.id as number;
    expect((await call(emu.url, 'GET', `/v2/webhook_subscriptions/${id}`)).json.data.id).toBe(id);
    const updated = await call(emu.url, 'PUT', `/v2/webhook_subscriptions/${id}`, { enabled: false });
    expect(updated.json.data.enabled).toBe(false);
    expect((await call(emu.url, 'GET', '/v2/webhook_subscriptions?enabled=true')).json.data).toEqual([]);
    expect((await call(emu.url, 'GET', '/v2/webhook_subscriptions?enabled=false')).json.data).toHaveLength(1);
    expect((await call(emu.url, 'DELETE', `/v2/webhook_subscriptions/${id}`)).status).toBe(204);
    const gone = await call(emu.url, 'DELETE', `/v2/webhook_subscriptions/${id}`);
    expect(gone).toMatchObject({ status: 404, json: { error: 'Not Found' } });
  });

  it('answers 422 with a field map for an unknown event type or a missing field', async () => {
    const emu = await emulator();
    const unknown = await call(emu.url, 'POST', '/v2/webhook_subscriptions', {
      callback_url: 'https://example.com/hook',
      callback_token: 'tok',
      event_type: 'opportunity_created',
    });
    expect(unknown).toMatchObject({
      status: 422,
      json: { errors: { event_type: ['is not included in the list'] } },
    });
    const missing = await call(emu.url, 'POST', '/v2/webhook_subscriptions', {
      event_type: 'person_updated',
    });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.json.errors).sort()).toEqual(['callback_token', 'callback_url']);
    expect(emu.store.list()).toEqual([]);
  });

  it('answers 429 past the per-minute budget', async () => {
    const emu = await emulator({ rateLimitPerMinute: 3 });
    // The emulator's clock starts a new minute now, so the budget cannot reset during the test.
    const now = Date.now();
    emu.clockOffsetMs = Math.ceil(now / 60_000) * 60_000 + 1_000 - now;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await call(emu.url, 'GET', '/v2/webhook_subscriptions')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const over = await call(emu.url, 'GET', '/v2/webhook_subscriptions');
    expect(over.status).toBe(429);
    expect(over.headers.get('x-ratelimit-remaining-minute')).toBe('0');
  });
});

describe('emulator deliveries', () => {
  it('POSTs signed deliveries to every enabled subscription of the event type', async () => {
    const emu = await emulator();
    const target = await recordingServer();
    emu.store.create({
      callback_url: `${target.url}/a`,
      callback_token: 'token-a',
      event_type: 'person_updated',
    });
    emu.store.create({
      callback_url: `${target.url}/b`,
      callback_token: 'token-b',
      event_type: 'person_updated',
    });
    const disabled = emu.store.create({
      callback_url: `${target.url}/c`,
      callback_token: 't',
      event_type: 'person_updated',
    });
    emu.store.setEnabled(disabled.id, false);
    emu.store.create({ callback_url: `${target.url}/d`, callback_token: 't', event_type: 'task_created' });

    const fired = await call(emu.url, 'POST', '/__emulator/events', { event_type: 'person_updated' });
    expect(fired.status).toBe(202);
    await emu.deliveriesSettled();

    expect(target.received.map((r) => r.path).sort()).toEqual(['/a', '/b']);
    for (const delivery of target.received) {
      const token = delivery.path === '/a' ? 'token-a' : 'token-b';
      expect(delivery.method).toBe('POST');
      expect(delivery.headers['content-type']).toBe('application/json');
      expect(delivery.headers['x-salesloft-event']).toBe('person_updated');
      expect(delivery.headers['x-salesloft-signature']).toBe(hmacSha1(delivery.body, token));
      // The bare resource, as Salesloft sends it: no envelope, no event_type field.
      const person = JSON.parse(delivery.body.toString());
      expect(person).toMatchObject({ id: expect.any(Number), email_address: expect.stringContaining('@') });
      expect(person).not.toHaveProperty('event_type');
      expect(person).toEqual(fired.json.data.body);
    }
  });

  it('merges the given data onto the sample, or sends raw bytes as they are (control API)', async () => {
    const emu = await emulator();
    const target = await recordingServer();
    emu.store.create({ callback_url: target.url, callback_token: 'k', event_type: 'task_completed' });
    await call(emu.url, 'POST', '/__emulator/events', {
      event_type: 'task_completed',
      data: { id: 5, subject: 'Hi' },
    });
    await call(emu.url, 'POST', '/__emulator/events', { event_type: 'task_completed', raw: '{"id":5}' });
    await emu.deliveriesSettled();
    const [merged, raw] = target.received.map((received) => received.body.toString());
    expect(JSON.parse(merged ?? '')).toMatchObject({ id: 5, subject: 'Hi', current_state: 'completed' });
    expect(raw).toBe('{"id":5}');
  });

  it('retries a failing delivery 3 more times, then marks it failed; shows every attempt', async () => {
    const emu = await emulator({ retryIntervalMs: 30 });
    const target = await recordingServer(() => 500);
    emu.store.create({ callback_url: target.url, callback_token: 'k', event_type: 'note_created' });
    emu.fire('note_created');
    await emu.deliveriesSettled();
    expect(target.received).toHaveLength(4);
    expect(new Set(target.received.map((r) => r.body.toString())).size).toBe(1);
    const listed = await call(emu.url, 'GET', '/__emulator/deliveries');
    expect(listed.json.data).toEqual([
      expect.objectContaining({
        event_type: 'note_created',
        state: 'failed',
        attempts: [1, 2, 3, 4].map((attempt) => expect.objectContaining({ attempt, status: 500 })),
      }),
    ]);
  });

  it('stops retrying once a retry succeeds, and counts no answer in time as a failure', async () => {
    const emu = await emulator({ retryIntervalMs: 30, deliveryTimeoutMs: 200 });
    const target = await recordingServer((n) => (n < 3 ? 503 : 200));
    emu.store.create({ callback_url: target.url, callback_token: 'k', event_type: 'call_created' });
    emu.fire('call_created');
    await emu.deliveriesSettled();
    expect(emu.deliveries()[0]).toMatchObject({
      state: 'delivered',
      attempts: [{ status: 503 }, { status: 503 }, { status: 200 }],
    });

    const silent = await emulator({ retryIntervalMs: 10, deliveryTimeoutMs: 100 });
    silent.store.create({
      callback_url: 'http://127.0.0.1:9/',
      callback_token: 'k',
      event_type: 'call_created',
    });
    silent.fire('call_created');
    await until(() => silent.deliveries()[0]?.state === 'failed');
    expect(silent.deliveries()[0]?.attempts).toHaveLength(4);
    expect(silent.deliveries()[0]?.attempts[0]?.error).toBeTruthy();
  });

  it('answers 422 to firing an unknown event type', async () => {
    const emu = await emulator();
    const answer = await call(emu.url, 'POST', '/__emulator/events', { event_type: 'opportunity_created' });
    expect(answer.status).toBe(422);
  });

  it('injects faults over HTTP: a status with Retry-After, then a reset', async () => {
    const emu = await emulator();
    await call(emu.url, 'POST', '/__emulator/faults', {
      kind: 'status',
      status: 429,
      retry_after: 3,
      method: 'GET',
    });
    const limited = await call(emu.url, 'GET', '/v2/webhook_subscriptions');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect((await call(emu.url, 'GET', '/v2/webhook_subscriptions')).status).toBe(200);
    await call(emu.url, 'POST', '/__emulator/faults', { kind: 'reset' });
    await expect(call(emu.url, 'GET', '/v2/webhook_subscriptions')).rejects.toThrow();
  });
});

describe('the emulator refuses what a web page could send it', () => {
  it('a cross-origin request, a non-JSON control body and a rebound Host name are 403 and change nothing', async () => {
    const emu = await emulator();
    const target = await recordingServer();
    emu.store.create({ callback_url: target.url, callback_token: 't', event_type: 'person_updated' });
    const fire = (headers: Record<string, string>) =>
      rawHttp(emu.url, 'POST', '/__emulator/events', headers, '{"event_type":"person_updated"}');
    const json = { 'content-type': 'application/json' };
    expect(await fire({ ...json, origin: 'https://evil.example' })).toBe(403);
    expect(await fire({ 'content-type': 'text/plain' })).toBe(403);
    expect(await fire({ ...json, host: `evil.example:${new URL(emu.url).port}` })).toBe(403);
    expect(await rawHttp(emu.url, 'POST', '/__emulator/reset', { origin: 'https://evil.example' }, '')).toBe(
      403,
    );
    expect(
      await rawHttp(
        emu.url,
        'GET',
        '/v2/webhook_subscriptions',
        { host: `rebind.example:${new URL(emu.url).port}` },
        '',
      ),
    ).toBe(403);
    expect(emu.deliveries()).toEqual([]);
    expect(emu.store.list()).toHaveLength(1);
    // A script on this machine (curl, a test) sends JSON with no Origin: that works.
    expect(await fire(json)).toBe(202);
    expect(await fire({ ...json, host: `localhost:${new URL(emu.url).port}` })).toBe(202);
  });
});

/** A request with exactly these headers (fetch would not let a test set Host or Origin). */
async function rawHttp(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<number> {
  const { request } = await import('node:http');
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('emulator applications and teams', () => {
  const create = (emu: { url: string }, key: string, event_type = 'person_updated') =>
    call(
      emu.url,
      'POST',
      '/v2/webhook_subscriptions',
      {
        callback_url: `https://hooks.example.com/${key}`,
        callback_token: 'tok',
        event_type,
      },
      key,
    );

  it('each key is an application that sees, changes and deletes only its own subscriptions (404 for another’s)', async () => {
    const emu = await emulator();
    const mine = (await create(emu, 'ak_one')).json.data;
    const theirs = (await create(emu, 'ak_two')).json.data;
    const listed = async (key: string) =>
      (await call(emu.url, 'GET', '/v2/webhook_subscriptions', undefined, key)).json.data.map(
        (sub: { id: number }) => sub.id,
      );
    expect(await listed('ak_one')).toEqual([mine.id]);
    expect(await listed('ak_two')).toEqual([theirs.id]);
    const path = `/v2/webhook_subscriptions/${theirs.id}`;
    expect((await call(emu.url, 'GET', path, undefined, 'ak_one')).status).toBe(404);
    expect((await call(emu.url, 'PUT', path, { enabled: false }, 'ak_one')).status).toBe(404);
    expect((await call(emu.url, 'DELETE', path, undefined, 'ak_one')).status).toBe(404);
    expect(emu.store.list().map((sub) => [sub.id, sub.enabled])).toEqual([
      [mine.id, true],
      [theirs.id, true],
    ]);
    expect((await call(emu.url, 'DELETE', path, undefined, 'ak_two')).status).toBe(204);
  });

  it('answers GET /v2/me and /v2/team (also .json) as Salesloft documents them, per key', async () => {
    const emu = await emulator({ applications: { ak_eu: { team: { id: 77, name: 'Acme EU' } } } });
    emu.registerApplication('ak_us', { team: { id: 78, name: 'Acme US' }, user: { name: 'Ada Núñez' } });
    const me = (await call(emu.url, 'GET', '/v2/me', undefined, 'ak_us')).json.data;
    expect(me).toEqual({
      id: expect.any(Number),
      guid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Ada Núñez',
      email: expect.stringContaining('@'),
      team: { id: 78, _href: expect.stringMatching(/\/v2\/team$/) },
    });
    expect((await call(emu.url, 'GET', '/v2/team.json', undefined, 'ak_eu')).json.data).toMatchObject({
      id: 77,
      name: 'Acme EU',
    });
    expect((await call(emu.url, 'GET', '/v2/team', undefined, 'ak_other')).json.data).toMatchObject({
      id: 4242,
      name: 'Emulated Team',
    });
    // A subscription carries its team (tenant_id) and the key's user (user_guid = /v2/me's guid).
    const sub = (await create(emu, 'ak_us')).json.data;
    expect(sub).toMatchObject({ tenant_id: 78, user_guid: me.guid });
    const registered = await call(emu.url, 'POST', '/__emulator/applications', {
      api_key: 'ak_apac',
      team: { id: 79, name: 'Acme APAC' },
    });
    expect(registered.status).toBe(201);
    expect((await call(emu.url, 'GET', '/v2/team', undefined, 'ak_apac')).json.data.name).toBe('Acme APAC');
  });

  it('counts the rate limit per team, across its applications', async () => {
    const emu = await emulator({
      rateLimitPerMinute: 2,
      applications: { ak_a1: {}, ak_a2: {}, ak_b: { team: { id: 9, name: 'B' } } },
    });
    const now = Date.now();
    emu.clockOffsetMs = Math.ceil(now / 60_000) * 60_000 + 1_000 - now;
    const status = async (key: string) => (await call(emu.url, 'GET', '/v2/team', undefined, key)).status;
    expect([await status('ak_a1'), await status('ak_a2'), await status('ak_a1')]).toEqual([200, 200, 429]);
    expect(await status('ak_b')).toBe(200);
  });

  it('keeps what Salesloft does not document switchable: a create without a token, duplicates', async () => {
    const emu = await emulator();
    const noToken = { callback_url: 'https://h.example.com/x', event_type: 'note_created' };
    const refused = await call(emu.url, 'POST', '/v2/webhook_subscriptions', noToken);
    expect([refused.status, refused.json]).toEqual([422, { errors: { callback_token: ["can't be blank"] } }]);
    expect((await create(emu, 'ak_any', 'note_created')).status).toBe(200);
    expect((await create(emu, 'ak_any', 'note_created')).status).toBe(200);

    const switched = await call(emu.url, 'POST', '/__emulator/quirks', {
      create_without_token: 'accept',
      duplicates: 'reject',
    });
    expect(switched.json.data).toEqual({ createWithoutToken: 'accept', duplicates: 'reject' });
    expect((await call(emu.url, 'POST', '/v2/webhook_subscriptions', noToken)).status).toBe(200);
    const duplicate = await create(emu, 'ak_any', 'note_created');
    expect([duplicate.status, duplicate.json]).toEqual([
      422,
      { errors: { event_type: ['has already been taken'] } },
    ]);
    emu.reset();
    expect(emu.quirks).toEqual({ createWithoutToken: 'reject', duplicates: 'accept' });
  });

  it('fire merges data onto a fresh sample (test helpers that tell the truth); fireRaw sends exact bytes', async () => {
    const emu = await emulator();
    const target = await recordingServer();
    emu.store.create({ callback_url: target.url, callback_token: 'k', event_type: 'person_updated' });
    const merged = emu.fire('person_updated', { id: 42, first_name: 'Ada', counts: { calls: 3 } });
    expect(merged.body).toMatchObject({
      id: 42,
      first_name: 'Ada',
      counts: { calls: 3, emails_sent: expect.any(Number) },
      email_address: expect.stringContaining('@'),
    });
    emu.fireRaw('person_updated', '{ "id": 7 }');
    await emu.deliveriesSettled();
    expect(target.received.map((received) => received.body.toString())[1]).toBe('{ "id": 7 }');
    expect(target.received[1]?.headers['x-salesloft-signature']).toBe(
      hmacSha1(Buffer.from('{ "id": 7 }'), 'k'),
    );
  });
});
