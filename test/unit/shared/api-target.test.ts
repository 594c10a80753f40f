import { describe, expect, it } from 'vitest';
import { checkApiTarget } from '../../../src/shared/api-target.js';
import type { ConfigSource, ResolvedConfig } from '../../../src/shared/config.js';

function config(
  apiUrl: string,
  sources: { apiKey: ConfigSource; apiUrl: ConfigSource },
  apiKey = 'ak_test',
): ResolvedConfig & { apiKey: string } {
  return {
    apiKey,
    apiUrl,
    sources: { ...sources, callbackToken: 'default' },
    dotEnvFile: '/work/checkout/.env',
    ngrokAuthtoken: undefined,
    ngrokServerAddr: undefined,
    callbackToken: undefined,
    stateDir: '/state',
    ignoredFromDotEnv: [],
    profile: undefined,
    profileIgnored: undefined,
  };
}

describe('where the API key may go', () => {
  it('a URL from .env goes only with a key from the same .env', () => {
    expect(() =>
      checkApiTarget(config('https://evil.example', { apiUrl: '.env', apiKey: 'environment' })),
    ).toThrow(/\/work\/checkout\/\.env sets SALESLOFT_API_URL but your API key comes from the environment/);
    expect(() => checkApiTarget(config('https://evil.example', { apiUrl: '.env', apiKey: 'flag' }))).toThrow(
      /--api-key flag/,
    );
    expect(() =>
      checkApiTarget(config('https://own.example', { apiUrl: '.env', apiKey: '.env' })),
    ).not.toThrow();
    expect(() =>
      checkApiTarget(config('https://x.example', { apiUrl: 'environment', apiKey: '.env' })),
    ).not.toThrow();
    expect(() =>
      checkApiTarget(config('https://x.example', { apiUrl: 'flag', apiKey: 'environment' })),
    ).not.toThrow();
  });

  it('https anywhere, http only to this machine, and nothing that is not a URL', () => {
    const ok = { apiUrl: 'flag', apiKey: 'flag' } as const;
    expect(() => checkApiTarget(config('http://127.0.0.1:4010', ok))).not.toThrow();
    expect(() => checkApiTarget(config('http://localhost:4010', ok))).not.toThrow();
    expect(() => checkApiTarget(config('http://api.example.com', ok))).toThrow(/is not https/);
    expect(() => checkApiTarget(config('ftp://api.example.com', ok))).toThrow(/is not https/);
    expect(() => checkApiTarget(config('not a url', ok))).toThrow(/"not a url" is not a URL/);
    expect(() => checkApiTarget(config('https://api.salesloft.com', ok, 'ak_1\n'))).toThrow(/line break/);
  });
});
