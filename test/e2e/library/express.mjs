// An Express app as the README shows it, receiving the emulator's signed deliveries (ESM).
import { once } from 'node:events';
import express from 'express';
import { createNodeMiddleware, startEmulator, Webhooks } from 'salesloft-hooks';

const token = 'express-token';
const webhooks = new Webhooks({ token, dedupe: true });
const handled = [];
let failFirst = true;
webhooks.on('person_updated', (event) => {
  if (failFirst) {
    failFirst = false;
    throw new Error('the database blinked');
  }
  handled.push(event.payload.id);
});
const errors = [];
webhooks.onError((error) => errors.push(error.message));

const app = express();
app.use(createNodeMiddleware(webhooks, { path: '/webhooks/salesloft' }));
app.use(express.json());
app.post('/other', (req, res) => res.json({ parsed: req.body }));
const server = app.listen(0, '127.0.0.1');
await once(server, 'listening');
const base = `http://127.0.0.1:${server.address().port}`;

const emulator = await startEmulator({ retryIntervalMs: 20 });
emulator.subscribe({ url: `${base}/webhooks/salesloft`, token, events: ['person_updated'] });
const fired = emulator.fire('person_updated');
await emulator.deliveriesSettled();
const forged = await fetch(`${base}/webhooks/salesloft`, {
  method: 'POST',
  body: '{"id":1}',
  headers: {
    'content-type': 'application/json',
    'x-salesloft-event': 'person_updated',
    'x-salesloft-signature': '0'.repeat(40),
  },
});
const other = await fetch(`${base}/other`, {
  method: 'POST',
  body: '{"a":1}',
  headers: { 'content-type': 'application/json' },
});
console.log(
  JSON.stringify({
    fired: fired.body.id,
    handled,
    errors,
    attempts: emulator.deliveries().map((delivery) => delivery.attempts.map((attempt) => attempt.status)),
    forged: forged.status,
    other: await other.json(),
  }),
);
await emulator.close();
server.closeAllConnections();
server.close();
