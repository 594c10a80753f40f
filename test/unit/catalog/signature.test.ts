import { describe, expect, it } from 'vitest';
import { diagnose, sign, verify } from '../../../packages/webhooks/src/catalog/signature.js';
import { hmacHex } from '../../support/hmac.js';

const hmac = (algorithm: 'sha1' | 'sha256', body: string, key: string) => hmacHex(body, key, algorithm);
const BODY = '{"id":1,"first_name":"Ada","email_address":"ada@example.com"}';

describe('sign', () => {
  it('is the hex HMAC-SHA1 of the raw bytes keyed with the token', () => {
    expect(sign(BODY, 'secret')).toBe(hmac('sha1', BODY, 'secret'));
    expect(sign(Buffer.from(BODY), 'secret')).toBe(hmac('sha1', BODY, 'secret'));
    expect(sign(BODY, 'secret')).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('verify', () => {
  it('accepts the right signature in either hex case', () => {
    expect(verify(BODY, 'secret', hmac('sha1', BODY, 'secret'))).toEqual({ valid: true, reason: null });
    expect(verify(BODY, 'secret', hmac('sha1', BODY, 'secret').toUpperCase()).valid).toBe(true);
  });

  it('names missing, malformed and mismatch', () => {
    expect(verify(BODY, 'secret', undefined).reason).toBe('missing');
    expect(verify(BODY, 'secret', '').reason).toBe('missing');
    expect(verify(BODY, 'secret', 'xyz').reason).toBe('malformed');
    expect(verify(BODY, 'secret', hmac('sha256', BODY, 'secret')).reason).toBe('malformed');
    expect(verify(BODY, 'secret', hmac('sha1', BODY, 'other')).reason).toBe('mismatch');
    expect(verify(`${BODY} `, 'secret', hmac('sha1', BODY, 'secret')).reason).toBe('mismatch');
  });
});

describe('diagnose', () => {
  it('says nothing more for a valid signature', () => {
    expect(diagnose(BODY, 'secret', sign(BODY, 'secret'))).toEqual({ valid: true, reason: null });
  });

  it('gives the expected signature and no hint for a plain mismatch', () => {
    const result = diagnose(BODY, 'secret', hmac('sha1', 'something else', 'secret'));
    expect(result).toEqual({ valid: false, reason: 'mismatch', expected: hmac('sha1', BODY, 'secret') });
  });

  it('recognises HMAC-SHA256', () => {
    const result = diagnose(BODY, 'secret', hmac('sha256', BODY, 'secret'));
    expect(result.reason).toBe('malformed');
    expect(result.hint).toMatch(/SHA256.*SHA1/);
  });

  it('recognises a body re-serialized after signing', () => {
    const pretty = JSON.stringify(JSON.parse(BODY), null, 2);
    const result = diagnose(pretty, 'secret', sign(BODY, 'secret'));
    expect(result.reason).toBe('mismatch');
    expect(result.hint).toMatch(/re-serialized/);
  });

  it('recognises a trailing newline added by a tool', () => {
    const result = diagnose(`${BODY}\n`, 'secret', sign(BODY, 'secret'));
    expect(result.hint).toMatch(/trailing newline/);
  });

  it('recognises another known token, masked', () => {
    const other = 'bbbbbbbbbbbbcdef';
    const result = diagnose(BODY, 'secret', sign(BODY, other), { otherTokens: [other] });
    expect(result.hint).toMatch(/another token \(bbbb…cdef\)/);
    expect(result.hint).not.toContain(other);
  });

  it('recognises a sha1= prefix', () => {
    expect(diagnose(BODY, 'secret', `sha1=${sign(BODY, 'secret')}`).hint).toMatch(/prefix/);
  });
});

describe('hostile shapes', () => {
  it('a body nested 20,000 deep is diagnosed without walking it (no stack overflow)', () => {
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const result = diagnose(deep, 'secret', '0'.repeat(40));
    expect(result.valid).toBe(false);
    expect(result.reason).toBe('mismatch');
  });
});

describe('fail closed without a token', () => {
  it('an empty or blank token verifies nothing, not even the HMAC made with it', () => {
    const body = '{"id":1}';
    for (const token of ['', '   ', '\t\n']) {
      expect(verify(body, token, sign(body, token))).toEqual({ valid: false, reason: 'mismatch' });
      expect(diagnose(body, token, sign(body, token))).toMatchObject({
        valid: false,
        hint: expect.stringContaining('no callback token'),
      });
    }
  });
});
