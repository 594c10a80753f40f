// Two instances of an app behind a load balancer share a real redis-server: Salesloft's retry
// of a slow delivery lands on the other instance while the first still runs.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import { createRedisDedupeStore } from '../../packages/webhooks/src/index.js';
import { ROOT } from '../support/cli.js';
import { redisAvailable, redisServer } from '../support/redis.js';

const WORKER = join(ROOT, 'test', 'e2e', 'library', 'redis-worker.mjs');

let runNumber = 0;

/** `count` instances receiving the same delivery together (they meet at a barrier in Redis). */
async function instances(url: string, count: number, mode = 'slow'): Promise<number[]> {
  const run = `run${++runNumber}`;
  const runs = Array.from({ length: count }, () =>
    promisify(execFile)(process.execPath, [WORKER, url, run, String(count), mode], { cwd: ROOT }),
  );
  return (await Promise.all(runs)).map(({ stdout }) => (JSON.parse(stdout) as { status: number }).status);
}

async function counter(url: string, name: string): Promise<number> {
  const client = createClient({ url });
  await client.connect();
  try {
    return Number((await client.get(name)) ?? 0);
  } finally {
    await client.quit();
  }
}

describe.skipIf(!redisAvailable)('createRedisDedupeStore on a real redis-server', () => {
  it('two processes get the same delivery at the same moment: the handler runs once, the copy gets 409, a later retry 200', async () => {
    const url = await redisServer();
    expect((await instances(url, 2)).sort()).toEqual([200, 409]);
    expect(await counter(url, 'runs')).toBe(1);
    expect(await instances(url, 1)).toEqual([200]);
    expect(await counter(url, 'runs')).toBe(1);
  }, 30_000);

  it('a handler that fails gives the claim back: the retry, on another process, runs it', async () => {
    const url = await redisServer();
    expect(await instances(url, 1, 'fail-first')).toEqual([500]);
    expect(await instances(url, 1, 'fail-first')).toEqual([200]);
    expect(await counter(url, 'runs')).toBe(2);
  }, 30_000);

  it('takes an ioredis-style client too (call(command, ...args)): claim, complete and release through it', async () => {
    const url = await redisServer();
    const client = createClient({ url });
    await client.connect();
    try {
      const ioredisLike = {
        call: (command: string, ...args: (string | number)[]) =>
          client.sendCommand([command, ...args.map(String)]),
      };
      const store = createRedisDedupeStore(ioredisLike, { prefix: 't:' });
      expect(await store.claim('k', 5_000)).toBe('claimed');
      expect(await store.claim('k', 5_000)).toBe('running');
      await store.release('k');
      expect(await store.claim('k', 5_000)).toBe('claimed');
      await store.complete('k', 60_000);
      expect(await store.claim('k', 5_000)).toBe('done');
      expect(await client.pTTL('t:k')).toBeGreaterThan(50_000);
    } finally {
      await client.quit();
    }
  });
});
