// One instance of an app behind a load balancer: Webhooks with the shared Redis dedupe store. The
// instances of a run meet at a barrier in Redis and receive the test's delivery together; a slow
// handler runs until every other instance has answered, so the copies overlap however the machine
// schedules the processes. Prints the status it would answer.
import { createClient } from 'redis';
import {
  createRedisDedupeStore,
  signedDelivery,
  Webhooks,
} from '../../../packages/webhooks/dist/esm/index.js';

const [url, run, count, mode] = process.argv.slice(2);
const others = Number(count) - 1;
const client = createClient({ url });
await client.connect();

/** Waits until `key` reaches `value` (at most 15 s: a hung test fails rather than hangs). */
async function until(key, value) {
  const deadline = Date.now() + 15_000;
  while (Number((await client.get(key)) ?? 0) < value && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const webhooks = new Webhooks({ token: 'shared-token', dedupe: createRedisDedupeStore(client) });
webhooks.on('person_updated', async () => {
  await client.incr('runs');
  if (mode === 'fail-first' && (await client.incr('failures')) === 1) throw new Error('the database blinked');
  await until(`${run}:answered`, others);
});
const delivery = signedDelivery({ eventType: 'person_updated', body: '{"id":1}', token: 'shared-token' });
await client.incr(`${run}:ready`);
await until(`${run}:ready`, Number(count));
const status = await webhooks.receive(delivery).then(
  () => 200,
  (error) => error.status,
);
await client.incr(`${run}:answered`);
console.log(JSON.stringify({ status }));
await client.quit();
