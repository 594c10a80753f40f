import { describe, expect, it } from 'vitest';
import {
  diagnoseSignature,
  EVENT_TYPES,
  SignatureError,
  samplePayload,
  signPayload,
  startEmulator,
  verifyRequest,
  verifySignature,
} from '../../../packages/webhooks/src/index.js';
import { hmacHex } from '../../support/hmac.js';
import { verifyingHandler } from '../../support/receiver.js';

const BODY = '{"id":1,"first_name":"Ada"}';

describe('the library', () => {
  it('signs and verifies as Salesloft does, with object arguments', () => {
    expect(signPayload({ body: BODY, token: 't' })).toBe(hmacHex(BODY, 't'));
    expect(verifySignature({ body: BODY, token: 't', signature: hmacHex(BODY, 't') })).toBe(true);
    expect(
      verifySignature({ body: new TextEncoder().encode(BODY), token: 't', signature: hmacHex(BODY, 't') }),
    ).toBe(true);
    expect(verifySignature({ body: BODY, token: 't', signature: null })).toBe(false);
    expect(verifySignature({ body: `${BODY}\n`, token: 't', signature: hmacHex(BODY, 't') })).toBe(false);
  });

  it('diagnoses a bad signature', () => {
    expect(diagnoseSignature({ body: BODY, signature: hmacHex(BODY, 't', 'sha256'), tokens: ['t'] })).toEqual(
      {
        valid: false,
        reason: 'malformed',
        hint: expect.stringContaining('Salesloft uses HMAC-SHA1'),
      },
    );
    expect(
      diagnoseSignature({ body: BODY, signature: hmacHex(BODY, 'old'), tokens: ['t', 'old'] }).hint,
    ).toMatch(/matches another token/);
    expect(diagnoseSignature({ body: BODY, signature: undefined, tokens: ['t'] })).toMatchObject({
      reason: 'missing',
    });
  });

  it('verifyRequest reads a Fetch API Request once, or throws SignatureError with the reason', async () => {
    const request = (signature?: string) =>
      new Request('https://app.example/hooks', {
        method: 'POST',
        body: BODY,
        headers: {
          'x-salesloft-event': 'person_updated',
          ...(signature ? { 'x-salesloft-signature': signature } : {}),
        },
      });
    expect(await verifyRequest(request(hmacHex(BODY, 't')), 't')).toEqual({
      eventType: 'person_updated',
      body: { id: 1, first_name: 'Ada' },
      raw: BODY,
    });
    const missing = await verifyRequest(request(), 't').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(SignatureError);
    expect((missing as SignatureError).reason).toBe('missing');
    await expect(verifyRequest(request(hmacHex(BODY, 'x')), 't')).rejects.toMatchObject({
      reason: 'mismatch',
    });
  });

  it('fails closed on an empty or blank token, and on no tokens at all', async () => {
    const body = '{"id":1}';
    for (const token of ['', ' ']) {
      expect(verifySignature({ body, token, signature: signPayload({ body, token }) })).toBe(false);
      const request = new Request('http://localhost/hooks', {
        method: 'POST',
        body,
        headers: { 'x-salesloft-signature': signPayload({ body, token }) },
      });
      await expect(verifyRequest(request, token)).rejects.toBeInstanceOf(SignatureError);
      expect(
        diagnoseSignature({ body, signature: signPayload({ body, token }), tokens: [token] }).valid,
      ).toBe(false);
    }
    expect(diagnoseSignature({ body, signature: signPayload({ body, token: '' }), tokens: [] }).valid).toBe(
      false,
    );
  });

  it('samples are realistic and reproducible with a seed; the catalog has 37 types', () => {
    expect(EVENT_TYPES).toHaveLength(37);
    expect(samplePayload('person_updated', { seed: 3 })).toEqual(
      samplePayload('person_updated', { seed: 3 }),
    );
    expect(samplePayload('task_completed', { seed: 3 })).toHaveProperty('subject');
    // @ts-expect-error: a typo is not an event type, and throws too
    expect(() => samplePayload('person_updatd')).toThrow(RangeError);
  });

  it('startEmulator: a test of a handler, as the README shows it', async () => {
    const emulator = await startEmulator({ retryIntervalMs: 20 });
    const handler = await verifyingHandler('my-token');
    try {
      await fetch(`${emulator.url}/v2/webhook_subscriptions`, {
        method: 'POST',
        headers: { authorization: 'Bearer any', 'content-type': 'application/json' },
        body: JSON.stringify({
          callback_url: `http://127.0.0.1:${handler.port}/hooks`,
          callback_token: 'my-token',
          event_type: 'person_updated',
        }),
      });
      emulator.fire('person_updated', { id: 7 });
      await emulator.deliveriesSettled();
      expect(emulator.deliveries()).toMatchObject([{ state: 'delivered', attempts: [{ status: 200 }] }]);
      // fire merges onto a realistic sample: the handler gets a whole person with id 7.
      expect(JSON.parse(handler.handled[0]?.body.toString() ?? '')).toMatchObject({
        id: 7,
        email_address: expect.any(String),
      });
      emulator.faults.add({ kind: 'status', status: 500, method: 'GET' });
      expect(
        (await fetch(`${emulator.url}/v2/webhook_subscriptions`, { headers: { authorization: 'Bearer x' } }))
          .status,
      ).toBe(500);
    } finally {
      await emulator.close();
    }
  });
});
