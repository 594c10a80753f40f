import { describe, expect, it } from 'vitest';
import { doctorChecks } from '../../../src/doctor/checks.js';
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
const judge = (name: string, status: number) =>
  checks.find((check) => check.name === name)?.judge(status).result;

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
    expect(new Set(ids).size).toBe(checks.length - 1);
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
});
