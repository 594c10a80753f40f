import { describe, expect, it } from 'vitest';
import { chooseTunnel } from '../../../src/listen/tunnel/choose.js';
import { isLoopbackUrl, parseForwardTarget } from '../../../src/shared/urls.js';

describe('which tunnel', () => {
  const remote = 'https://api.salesloft.com';
  const local = 'http://127.0.0.1:4010';

  it('ngrok for a real API, none for a loopback one, none when a public URL is given', () => {
    expect(chooseTunnel({ apiUrl: remote })).toBe('ngrok');
    expect(chooseTunnel({ apiUrl: local })).toBe('none');
    expect(chooseTunnel({ apiUrl: 'http://localhost:4010' })).toBe('none');
    expect(chooseTunnel({ apiUrl: remote, publicUrl: 'https://me.example' })).toBe('none');
    expect(chooseTunnel({ apiUrl: local, tunnel: 'ngrok' })).toBe('ngrok');
  });

  it('refuses --tunnel ngrok with --public-url, and --tunnel none that Salesloft could not reach', () => {
    expect(() => chooseTunnel({ apiUrl: remote, tunnel: 'ngrok', publicUrl: 'https://me.example' })).toThrow(
      /--public-url .* goes with --tunnel none/,
    );
    expect(() => chooseTunnel({ apiUrl: remote, tunnel: 'none' })).toThrow(
      /--tunnel none needs --public-url: Salesloft \(https:\/\/api\.salesloft\.com\) cannot reach 127\.0\.0\.1/,
    );
  });
});

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
