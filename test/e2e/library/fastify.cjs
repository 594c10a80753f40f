// A Fastify app receiving the emulator's signed deliveries through the middleware (CommonJS).
const Fastify = require('fastify');
const { createNodeMiddleware, startEmulator, Webhooks } = require('salesloft-hooks');

async function main() {
  const token = 'fastify-token';
  const webhooks = new Webhooks({ token });
  const handled = [];
  webhooks.on(['task_created', 'task_completed'], (event) =>
    handled.push([event.eventType, event.payload.subject]),
  );
  const middleware = createNodeMiddleware(webhooks);
  const app = Fastify();
  // Keep the body as bytes: the signature is over them, not over a parsed object.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  app.post('/hooks', (request, reply) => {
    reply.hijack();
    request.raw.body = request.body;
    middleware(request.raw, reply.raw);
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const emulator = await startEmulator({ retries: 0 });
  emulator.subscribe({ url: `${base}/hooks`, token, events: ['task_created', 'task_completed'] });
  emulator.fire('task_created', { id: 1, subject: 'Call Ada' });
  emulator.fire('task_completed');
  await emulator.deliveriesSettled();
  console.log(
    JSON.stringify({
      handled,
      attempts: emulator.deliveries().map((delivery) => delivery.attempts.map((attempt) => attempt.status)),
    }),
  );
  await emulator.close();
  await app.close();
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
