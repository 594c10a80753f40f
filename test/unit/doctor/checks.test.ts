import { describe, expect, it } from 'vitest';
import { doctorChecks } from '../../../src/doctor/checks.js';
import { hmacHex } from '../../support/hmac.js';

const body = Buffer.from('{"id":1}');
const checks = doctorChecks({
  eventType: 'person_updated',
  token: 't',
  body,
  largeBody: Buffer.from('{"big":1}'),
});
const judge = (name: string, status: number) =>
  checks.find((check) => check.name === name)?.judge(status).result;

describe('doctor’s checks', () => {
  it('sign what they say they sign, and mark every request as test traffic', () => {
    const headers = Object.fromEntries(checks.map((check) => [check.name, check.headers]));
    expect(headers['valid signature']?.['x-salesloft-signature']).toBe(hmacHex(body, 't'));
    expect(headers['SHA-256 signature']?.['x-salesloft-signature']).toBe(hmacHex(body, 't', 'sha256'));
    expect(headers['no signature']).not.toHaveProperty('x-salesloft-signature');
    expect(headers['signature letter case']?.['x-salesloft-signature']).toBe(
      hmacHex(body, 't').toUpperCase(),
    );
    expect(checks.every((check) => check.headers['x-salesloft-hooks-doctor'] === '1')).toBe(true);
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
