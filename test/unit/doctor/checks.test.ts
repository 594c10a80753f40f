import { describe, expect, it } from 'vitest';
import { DROPS_UPDATES, doctorChecks } from '../../../src/doctor/checks.js';
import type { PostAnswer } from '../../../src/net/post.js';
import { hmacHex } from '../../support/hmac.js';

let nextId = 1;
const bodies: Buffer[] = [];
const checks = doctorChecks({
  eventType: 'person_updated',
  token: 't',
  freshBody: () => {
    const fresh = Buffer.from(`{"id":${nextId++},"_href":"https:\\/\\/api.salesloft.com\\/v2"}`);
    bodies.push(fresh);
    return fresh;
  },
});
const body = bodies[0] ?? Buffer.alloc(0);
const sent = (name: string) => checks.find((check) => check.name === name);
const bodyOf = (name: string) => sent(name)?.body ?? Buffer.alloc(0);
const answer = (status: number, excerpt = 'ok', body = excerpt): PostAnswer => ({
  status,
  ms: 1,
  excerpt,
  response: { headers: {}, body: Buffer.from(body), truncated: false },
});
const judge = (name: string, status: number) =>
  checks
    .find((check) => check.name === name)
    ?.judge(answer(status), new Map([['valid signature', answer(200)]])).result;

describe('doctor’s checks', () => {
  it('sign what they say they sign, and mark every request as test traffic', () => {
    const signature = (name: string) => sent(name)?.headers['x-salesloft-signature'];
    expect(signature('valid signature')).toBe(hmacHex(body, 't'));
    expect(signature('SHA-256 signature')).toBe(hmacHex(bodyOf('SHA-256 signature'), 't', 'sha256'));
    expect(sent('no signature')?.headers).not.toHaveProperty('x-salesloft-signature');
    expect(signature('signature letter case')).toBe(
      hmacHex(bodyOf('signature letter case'), 't').toUpperCase(),
    );
    expect(signature('wrong signature')).not.toBe(hmacHex(bodyOf('wrong signature'), 't'));
    expect(signature('large body, unknown fields')).toBe(hmacHex(bodyOf('large body, unknown fields'), 't'));
    expect(checks.every((check) => check.headers['x-salesloft-hooks-doctor'] === '1')).toBe(true);
  });

  it('send a fresh resource with every check but the retry, which repeats the valid delivery byte for byte', () => {
    const ids = checks.map((check) => (JSON.parse(check.body.toString()) as { id: number }).id);
    expect(ids[checks.findIndex((check) => check.name === 'retried delivery')]).toBe(ids[0]);
    expect(ids[checks.findIndex((check) => check.name === 'update of the same record')]).toBe(ids[0]);
    expect(new Set(ids).size).toBe(checks.length - 2);
    expect(sent('retried delivery')?.body.equals(body)).toBe(true);
    expect(sent('retried delivery')?.headers).toEqual(sent('valid signature')?.headers);
    const large = JSON.parse(bodyOf('large body, unknown fields').toString()) as Record<string, unknown>;
    expect(large).toMatchObject({ doctor_unknown_field: { nested: [1, 'two', null] } });
    expect(String(large.body).length).toBe(256 * 1024);
  });

  it('judge each answer as the issue says', () => {
    expect(['wrong signature', 'no signature', 'SHA-256 signature'].map((name) => judge(name, 200))).toEqual([
      'fail',
      'fail',
      'fail',
    ]);
    expect([401, 403, 422, 500].map((status) => judge('wrong signature', status))).toEqual([
      'pass',
      'pass',
      'warn',
      'warn',
    ]);
    expect([400, 500].map((status) => judge('no signature', status))).toEqual(['pass', 'warn']);
    expect([200, 401].map((status) => judge('valid signature', status))).toEqual(['pass', 'fail']);
    expect([200, 401].map((status) => judge('signature letter case', status))).toEqual(['pass', 'warn']);
    expect([200, 409, 500].map((status) => judge('retried delivery', status))).toEqual([
      'pass',
      'warn',
      'fail',
    ]);
    expect([200, 400].map((status) => judge('unknown event type', status))).toEqual(['pass', 'warn']);
    expect([200, 413].map((status) => judge('large body, unknown fields', status))).toEqual(['pass', 'fail']);
  });

  it('send the update as the same record with a later updated_at, signed', () => {
    const update = JSON.parse(bodyOf('update of the same record').toString()) as {
      id: number;
      updated_at: string;
    };
    expect(update.id).toBe((JSON.parse(body.toString()) as { id: number }).id);
    expect(update.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}[+-]\d\d:\d\d$/);
    expect(sent('update of the same record')?.headers['x-salesloft-signature']).toBe(
      hmacHex(bodyOf('update of the same record'), 't'),
    );
  });

  it('fail an update answered as the retry was when the retry was answered otherwise than the first delivery', () => {
    const update = checks.find((check) => check.name === 'update of the same record');
    const earlier = (retry: PostAnswer) =>
      new Map([
        ['valid signature', answer(200, 'ok')],
        ['retried delivery', retry],
      ]);
    // A set of seen ids: the retry and the update are both "duplicate".
    expect(update?.judge(answer(200, 'duplicate'), earlier(answer(200, 'duplicate')))).toEqual({
      result: 'fail',
      note: DROPS_UPDATES,
    });
    // Keyed on id and updated_at: the update is handled as new.
    expect(update?.judge(answer(200, 'ok'), earlier(answer(200, 'duplicate'))).result).toBe('pass');
    // Answers that say nothing of duplicates: nothing to judge by.
    expect(update?.judge(answer(200, 'ok'), earlier(answer(200, 'ok'))).result).toBe('pass');
    expect(update?.judge(answer(409, 'seen'), earlier(answer(409, 'seen'))).result).toBe('fail');
    expect(update?.judge(answer(200), new Map([['valid signature', answer(401)]])).result).toBe('warn');
  });
});
