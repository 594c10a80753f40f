// One instance of an app behind a load balancer: Webhooks with the shared Redis dedupe store. It
// receives the test's delivery at the moment it is told, and prints the status it would answer.
import { createClient } from 'redis';
import {
  createRedisDedupeStore,
  signedDelivery,
  Webhooks,
} from '../../../packages/webhooks/dist/esm/index.js';

const [url, startAt, mode] = process.argv.slice(2);
const client = createClient({ url });
await client.connect();
const webhooks = new Webhooks({ token: 'shared-token', dedupe: createRedisDedupeStore(client) });
webhooks.on('person_updated', async () => {
  await client.incr('runs');
  if (mode === 'fail-first' && (await client.incr('failures')) === 1) throw new Error('the database blinked');
  await new Promise((resolve) => setTimeout(resolve, 400));
});
const delivery = signedDelivery({ eventType: 'person_updated', body: '{"id":1}', token: 'shared-token' });
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const status = await webhooks.receive(delivery).then(
  () => 200,
  (error) => error.status,
);
console.log(JSON.stringify({ status }));
await client.quit();
