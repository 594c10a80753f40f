// In an app with only @salesloft-hooks/webhooks installed: the emulator delivers a fired event to a
// node:http server verifying with the middleware; `fire` merged the data onto a realistic sample.
import { createServer } from 'node:http';
import { createNodeMiddleware, startEmulator, Webhooks } from '@salesloft-hooks/webhooks';

const webhooks = new Webhooks({ token: 'fixture-token' });
let seen;
webhooks.on('person_updated', (event) => {
  seen = event.payload;
});
const server = createServer(createNodeMiddleware(webhooks, { path: '/hooks' }));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const emulator = await startEmulator({ retryIntervalMs: 50 });
emulator.subscribe({
  url: `http://127.0.0.1:${server.address().port}/hooks`,
  token: 'fixture-token',
  events: ['person_updated'],
});
emulator.fire('person_updated', { id: 42, first_name: 'Ada' });
await emulator.deliveriesSettled();
const [record] = emulator.deliveries();
console.log(
  JSON.stringify({
    status: record.state,
    firstName: seen?.first_name,
    id: seen?.id,
    hasCounts: typeof seen?.counts === 'object' && seen.counts !== null,
    emailAddress: seen?.email_address,
  }),
);
await emulator.close();
server.close();
