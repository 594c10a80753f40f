import { describe, expect, it } from 'vitest';
import { isLoopbackUrl, parseForwardTarget } from '../../../src/shared/urls.js';

describe('URLs', () => {
  it('loopback hosts are localhost, 127.0.0.0/8 and ::1, nothing else', () => {
    for (const url of [
      'http://localhost:1',
      'http://127.0.0.1',
      'http://127.9.9.9:80/x',
      'http://[::1]:4010',
    ]) {
      expect(isLoopbackUrl(url), url).toBe(true);
    }
    for (const url of [
      'https://api.salesloft.com',
      'http://10.0.0.1',
      'http://127.0.0.1.nip.io',
      'nonsense',
    ]) {
      expect(isLoopbackUrl(url), url).toBe(false);
    }
  });

  it('a forward target may omit the scheme, and the host', () => {
    expect(parseForwardTarget('http://localhost:3000/hooks')).toBe('http://localhost:3000/hooks');
    expect(parseForwardTarget('localhost:3000/hooks')).toBe('http://localhost:3000/hooks');
    expect(parseForwardTarget(':3000/hooks')).toBe('http://localhost:3000/hooks');
    expect(parseForwardTarget('127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(() => parseForwardTarget('ftp://host/x')).toThrow(/is not an http\(s\) URL/);
  });
});
