import type { ClaimResult, DedupeStore } from './dedupe.js';

/**
 * The one thing the store needs of a Redis client: to send a command. node-redis (v4 and later)
 * has `sendCommand(['SET', ...])`; ioredis has `call('SET', ...)`. The library depends on neither.
 */
export type RedisClientLike =
  | { call(command: string, ...args: (string | number)[]): Promise<unknown> }
  | { sendCommand(args: string[]): Promise<unknown> };

export interface RedisDedupeOptions {
  /** How long a handled delivery is remembered, in seconds (default: what `Webhooks` asks, five minutes). */
  ttlSeconds?: number;
  /** Key prefix (default `salesloft-hooks:dedupe:`). */
  prefix?: string;
}

// Complete and release act only on this process's own claim: a claim that lapsed and was taken by
// another instance is that instance's to settle.
const COMPLETE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('SET', KEYS[1], 'done', 'PX', ARGV[2]) end return false`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * A `DedupeStore` every instance of an app shares, on the app's own Redis client: a claim is
 * `SET key running:<token> NX PX`, atomic across instances; completing and releasing check the
 * token (a Lua script), so an instance never settles another's claim.
 */
export function createRedisDedupeStore(
  client: RedisClientLike,
  options: RedisDedupeOptions = {},
): DedupeStore {
  const prefix = options.prefix ?? 'salesloft-hooks:dedupe:';
  const send = (...args: (string | number)[]): Promise<unknown> =>
    'call' in client && typeof client.call === 'function'
      ? client.call(String(args[0]), ...args.slice(1))
      : (client as { sendCommand(args: string[]): Promise<unknown> }).sendCommand(args.map(String));
  const claims = new Map<string, string>();
  return {
    async claim(key: string, ttlMs: number): Promise<ClaimResult> {
      const token = `running:${randomToken()}`;
      for (let attempt = 0; attempt < 3; attempt++) {
        if ((await send('SET', prefix + key, token, 'NX', 'PX', Math.max(1, Math.round(ttlMs)))) === 'OK') {
          claims.set(key, token);
          return 'claimed';
        }
        const state = await send('GET', prefix + key);
        if (state === 'done') return 'done';
        if (typeof state === 'string') return 'running';
        // Gone between SET and GET (it expired): try again.
      }
      return 'running';
    },
    async complete(key: string, ttlMs: number): Promise<void> {
      const token = claims.get(key);
      claims.delete(key);
      if (token === undefined) return;
      const ms = options.ttlSeconds === undefined ? ttlMs : options.ttlSeconds * 1000;
      await send('EVAL', COMPLETE, 1, prefix + key, token, Math.max(1, Math.round(ms)));
    },
    async release(key: string): Promise<void> {
      const token = claims.get(key);
      claims.delete(key);
      if (token !== undefined) await send('EVAL', RELEASE, 1, prefix + key, token);
    },
  };
}

function randomToken(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
