import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeMiddleware, signedDelivery, Webhooks } from '../../../packages/webhooks/src/index.js';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A node:http server running `listener`; its base URL. */
async function serve(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('createNodeMiddleware', () => {
  it('answers as the contract says: 200, 401, 400, 405, 413 (read or declared), 500 when a handler throws', async () => {
    const webhooks = new Webhooks({ token: 't', maxBodyBytes: 1024 });
    webhooks.on('note_created', (event) => {
      if (event.payload.content === 'boom') throw new Error('boom');
    });
    const base = await serve(createNodeMiddleware(webhooks));
    const post = (delivery: { body: string; headers: Record<string, string> }) =>
      fetch(`${base}/hooks`, { method: 'POST', ...delivery }).then((answer) => answer.status);
    const signed = (body: Record<string, unknown> | string, token = 't') =>
      signedDelivery({ eventType: 'note_created', body, token });
    expect(await post(signed({ content: 'fine' }))).toBe(200);
    expect(await post(signed({ content: 'fine' }, 'other'))).toBe(401);
    expect(await post(signed('not json'))).toBe(400);
    expect(await post(signed({ content: 'x'.repeat(2000) }))).toBe(413);
    expect(await post(signed({ content: 'boom' }))).toBe(500);
    const get = await fetch(`${base}/hooks`);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it('with a path, passes other requests to next (Express) or answers 404 without it', async () => {
    const webhooks = new Webhooks({ token: 't' });
    const middleware = createNodeMiddleware(webhooks, { path: '/webhooks/salesloft' });
    const passed: string[] = [];
    const base = await serve((req, res) =>
      middleware(req, res, () => {
        passed.push(req.url ?? '');
        res.writeHead(204).end();
      }),
    );
    expect((await fetch(`${base}/health`)).status).toBe(204);
    expect(passed).toEqual(['/health']);
    const alone = await serve(middleware);
    expect((await fetch(`${alone}/health`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('refuses (500, saying why) a body a JSON parser already read, instead of failing every signature', async () => {
    const webhooks = new Webhooks({ token: 't' });
    const middleware = createNodeMiddleware(webhooks);
    const base = await serve((req, res) => {
      req.resume();
      req.on('end', () => middleware(Object.assign(req, { body: { parsed: true } }), res));
    });
    const answer = await fetch(base, {
      method: 'POST',
      ...signedDelivery({ eventType: 'note_created', token: 't' }),
    });
    expect(answer.status).toBe(500);
    expect(await answer.text()).toContain('mount the middleware before express.json()');
  });
});
