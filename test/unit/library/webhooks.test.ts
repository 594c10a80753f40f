import { createHash } from 'node:crypto';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createFetchHandler,
  type DedupeStore,
  HandlerError,
  PayloadError,
  PayloadTooLargeError,
  SignatureError,
  signedDelivery,
  verifySignature,
  verifyWebhook,
  type WebhookError,
  type WebhookEvent,
  Webhooks,
} from '../../../packages/webhooks/src/index.js';
import { hmacHex } from '../../support/hmac.js';

const BODY = '{"id":7,"first_name":"Ada"}';
const signed = (body = BODY, token = 't', eventType = 'person_updated') => ({
  body,
  headers: { 'x-salesloft-event': eventType, 'x-salesloft-signature': hmacHex(body, token) },
});

describe('verifySignature and verifyWebhook', () => {
  it('take Node’s header type, rotation tokens, and never verify with an empty or blank token', () => {
    const signature = hmacHex(BODY, 'new');
    expect(verifySignature({ body: BODY, tokens: ['old', 'new'], signature })).toBe(true);
    expect(verifySignature({ body: BODY, token: 'new', signature: [signature] })).toBe(true);
    expect(verifySignature({ body: BODY, token: 'old', signature })).toBe(false);
    expect(verifySignature({ body: BODY, token: '', signature: hmacHex(BODY, '') })).toBe(false);
    expect(verifySignature({ body: BODY, tokens: ['  '], signature: hmacHex(BODY, '  ') })).toBe(false);
    expect(verifySignature({ body: BODY, token: 'new', signature: [] })).toBe(false);
  });

  it('returns the typed event from Node headers, a Fetch Headers or a plain object in any letter case', () => {
    const { body, headers } = signed();
    const fromNode = verifyWebhook({ body, headers, token: 't' });
    expect(fromNode).toEqual({
      known: true,
      eventType: 'person_updated',
      payload: { id: 7, first_name: 'Ada' },
      raw: BODY,
    });
    expect(verifyWebhook({ body, headers: new Headers(headers), token: 't' }).eventType).toBe(
      'person_updated',
    );
    const shouting = {
      'X-Salesloft-Event': headers['x-salesloft-event'],
      'X-Salesloft-Signature': headers['x-salesloft-signature'],
    };
    expect(verifyWebhook({ body: new TextEncoder().encode(body), headers: shouting, token: 't' }).raw).toBe(
      BODY,
    );
    if (fromNode.eventType === 'person_updated')
      expectTypeOf(fromNode.payload.first_name).toEqualTypeOf<string | null>();
  });

  it('throws SignatureError (401) before reading the body, PayloadError (400) for a signed body that is not a JSON object', () => {
    const error = (run: () => unknown) => {
      try {
        run();
      } catch (caught) {
        return caught;
      }
      return undefined;
    };
    const forged = error(() => verifyWebhook({ ...signed(BODY, 'other'), token: 't' }));
    expect(forged).toBeInstanceOf(SignatureError);
    expect(forged).toMatchObject({ reason: 'mismatch', status: 401 });
    expect(
      error(() => verifyWebhook({ body: BODY, headers: { 'x-salesloft-event': 'x' }, token: 't' })),
    ).toMatchObject({
      reason: 'missing',
    });
    expect(error(() => verifyWebhook({ ...signed('not json'), token: 't' }))).toBeInstanceOf(PayloadError);
    expect(error(() => verifyWebhook({ ...signed('[1]'), token: 't' }))).toMatchObject({ status: 400 });
  });
});

describe('Webhooks', () => {
  it('calls the handlers of the type, of a list holding it and of *, with the typed event; other types reach * only', async () => {
    const webhooks = new Webhooks({ token: 't' });
    const calls: string[] = [];
    webhooks.on('person_updated', (event) => {
      expectTypeOf(event).toEqualTypeOf<WebhookEvent<'person_updated'>>();
      calls.push(`one:${event.payload.first_name}`);
    });
    webhooks.on(['person_updated', 'task_created'], (event) => calls.push(`list:${event.eventType}`));
    webhooks.on('*', (event) => calls.push(`all:${event.eventType}`));
    await webhooks.receive(signed());
    await webhooks.receive(signed('{"id":1}', 't', 'a_type_from_next_year'));
    expect(calls).toEqual([
      'one:Ada',
      'list:person_updated',
      'all:person_updated',
      'all:a_type_from_next_year',
    ]);
  });

  it('rejects with the status to answer: 401 without calling handlers, 413 over the limit, 500 with onError when a handler throws', async () => {
    const webhooks = new Webhooks({ tokens: ['t'], maxBodyBytes: 64 });
    const called: string[] = [];
    const reported: WebhookError[] = [];
    webhooks.on('person_updated', () => {
      called.push('handler');
      throw new Error('database down');
    });
    webhooks.onError((error) => reported.push(error));
    await expect(webhooks.receive(signed(BODY, 'other'))).rejects.toMatchObject({ status: 401 });
    expect(called).toEqual([]);
    await expect(webhooks.receive(signed(`{"x":"${'a'.repeat(100)}"}`))).rejects.toBeInstanceOf(
      PayloadTooLargeError,
    );
    const failure = await webhooks.receive(signed()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HandlerError);
    expect(failure).toMatchObject({
      status: 500,
      message: 'A handler of person_updated failed: database down',
    });
    expect(reported).toEqual([failure]);
    expect(() => new Webhooks({ token: ' ' })).toThrow(TypeError);
  });

  it('with dedupe, skips a retry of a delivery that succeeded, but not one that failed, and uses a store given to it', async () => {
    let failNext = true;
    const handled: number[] = [];
    const webhooks = new Webhooks({ token: 't', dedupe: true });
    webhooks.on('person_updated', (event) => {
      if (failNext) {
        failNext = false;
        throw new Error('first attempt fails');
      }
      handled.push(event.payload.id);
    });
    const delivery = signed();
    await expect(webhooks.receive(delivery)).rejects.toBeInstanceOf(HandlerError);
    await webhooks.receive(delivery); // Salesloft's retry after the 500: handled
    await webhooks.receive(delivery); // a retry after a lost 200: skipped
    await webhooks.receive(signed('{"id":8,"first_name":"Grace"}'));
    expect(handled).toEqual([7, 8]);

    const calls: string[] = [];
    const states = new Map<string, 'running' | 'done'>();
    const store: DedupeStore = {
      claim: async (key, ttlMs) => {
        calls.push(`claim ${ttlMs}`);
        const state = states.get(key);
        if (state) return state;
        states.set(key, 'running');
        return 'claimed';
      },
      complete: async (key, ttlMs) => {
        calls.push(`complete ${ttlMs}`);
        states.set(key, 'done');
      },
      release: async (key) => {
        calls.push('release');
        states.delete(key);
      },
    };
    const shared = new Webhooks({ token: 't', dedupe: store, dedupeTtlMs: 60_000, dedupeClaimMs: 5_000 });
    let count = 0;
    shared.on('*', () => {
      count += 1;
    });
    // Another copy with other unsigned headers is the same delivery: the key is the type and the body.
    await shared.receive(delivery);
    await shared.receive({ ...delivery, headers: { ...delivery.headers, 'x-request-id': 'other' } });
    expect(count).toBe(1);
    expect(calls).toEqual(['claim 5000', 'complete 60000', 'claim 5000']);
    const sha = createHash('sha256').update(delivery.body).digest('hex');
    expect([...states.keys()]).toEqual([`person_updated:${sha}`]);
  });

  it('with dedupe, three copies in flight at once run the handler once: the others get 409 (Salesloft retries later)', async () => {
    const webhooks = new Webhooks({ token: 't', dedupe: true });
    let runs = 0;
    let finish: () => void = () => {};
    webhooks.on('person_updated', async () => {
      runs += 1;
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
    });
    const delivery = signed();
    const first = webhooks.receive(delivery);
    const copies = await Promise.all([
      webhooks.receive(delivery).catch((error: unknown) => error),
      webhooks.receive(delivery).catch((error: unknown) => error),
    ]);
    expect(copies.map((error) => (error as WebhookError).status)).toEqual([409, 409]);
    finish();
    await first;
    expect(runs).toBe(1);
  });

  it('at most 8 signature values are checked: more is 400, before any HMAC', async () => {
    const webhooks = new Webhooks({ token: 't' });
    const { body, headers } = signed();
    const many = { ...headers, 'x-salesloft-signature': Array(9).fill(headers['x-salesloft-signature']) };
    await expect(webhooks.receive({ body, headers: many })).rejects.toMatchObject({ status: 400 });
    const folded = {
      ...headers,
      'x-salesloft-signature': `${'0'.repeat(40)}, ${headers['x-salesloft-signature']}`,
    };
    await expect(webhooks.receive({ body, headers: folded })).resolves.toBeUndefined();
    expect(
      verifySignature({ body, token: 't', signature: Array(9).fill(headers['x-salesloft-signature']) }),
    ).toBe(false);
  });
});

describe('createFetchHandler', () => {
  it('answers 200, 401, 400, 405, 404 and 413 as a Next.js route or a Worker would return them', async () => {
    const webhooks = new Webhooks({ token: 't', maxBodyBytes: 1024 });
    const seen: string[] = [];
    webhooks.on('task_created', (event) => seen.push(event.payload.subject));
    const handle = createFetchHandler(webhooks, { path: '/api/salesloft' });
    const post = (
      delivery: { body: string; headers: Record<string, string> },
      url = 'https://app.example/api/salesloft',
    ) => handle(new Request(url, { method: 'POST', body: delivery.body, headers: delivery.headers }));
    const delivery = signedDelivery({ eventType: 'task_created', body: { subject: 'Call Ada' }, token: 't' });
    const ok = await post(delivery);
    expect([ok.status, await ok.text()]).toEqual([200, 'ok\n']);
    expect(seen).toEqual(['Call Ada']);
    expect((await post({ ...delivery, body: `${delivery.body} ` })).status).toBe(401);
    expect((await post(signedDelivery({ eventType: 'task_created', body: 'nope', token: 't' }))).status).toBe(
      400,
    );
    expect((await post(delivery, 'https://app.example/elsewhere')).status).toBe(404);
    expect(
      (await post(signedDelivery({ eventType: 'task_created', body: { big: 'x'.repeat(2000) }, token: 't' })))
        .status,
    ).toBe(413);
    const get = await handle(new Request('https://app.example/api/salesloft'));
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
  });
});
