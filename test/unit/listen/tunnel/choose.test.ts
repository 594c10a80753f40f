import { describe, expect, it } from 'vitest';
import { chooseTunnel } from '../../../../src/listen/tunnel/choose.js';

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
