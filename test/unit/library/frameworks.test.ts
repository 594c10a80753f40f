// The library inside Koa and Hono, as their users mount it: in the right order it verifies; after
// a body parser has read the body it answers 500 naming the fix, and onError hears of it.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { bodyParser } from '@koa/bodyparser';
import { Hono } from 'hono';
import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import {
  createFetchHandler,
  createNodeMiddleware,
  signedDelivery,
  type WebhookError,
  Webhooks,
} from '../../../packages/webhooks/src/index.js';
import { closeAfterTest } from '../../support/receiver.js';

function webhooks() {
  const hooks = new Webhooks({ token: 'frame-token' });
  const handled: number[] = [];
  const errors: WebhookError[] = [];
  hooks.on('person_updated', ({ payload }) => {
    handled.push(payload.id);
  });
  hooks.onError((error) => {
    errors.push(error);
  });
  return { hooks, handled, errors };
}

async function post(url: string) {
  const delivery = signedDelivery({ eventType: 'person_updated', body: { id: 7 }, token: 'frame-token' });
  const answer = await fetch(url, { method: 'POST', ...delivery });
  return { status: answer.status, text: await answer.text() };
}

async function listening(server: Server): Promise<string> {
  closeAfterTest(server);
  // Both frameworks start listening themselves (on port 0): wait for it.
  if (!server.listening) await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
}

/** The Koa recipe: the middleware gets ctx.req and ctx.res, before any body parser. */
function koaApp(hooks: Webhooks, parserFirst: boolean): Koa {
  const app = new Koa();
  if (parserFirst) app.use(bodyParser());
  const middleware = createNodeMiddleware(hooks, { path: '/hooks' });
  app.use(async (ctx, next) => {
    if (ctx.path !== '/hooks') return next();
    ctx.respond = false;
    middleware(ctx.req, ctx.res);
  });
  return app;
}

describe('Koa', () => {
  it('verifies when mounted before the body parser', async () => {
    const { hooks, handled } = webhooks();
    const url = await listening(koaApp(hooks, false).listen(0, '127.0.0.1'));
    expect(await post(url)).toEqual({ status: 200, text: 'ok\n' });
    expect(handled).toEqual([7]);
  });

  it('after @koa/bodyparser: 500 naming the fix, onError called, never a 401', async () => {
    const { hooks, handled, errors } = webhooks();
    const url = await listening(koaApp(hooks, true).listen(0, '127.0.0.1'));
    const answer = await post(url);
    expect(answer.status).toBe(500);
    expect(answer.text).toContain('The request body was already read by another middleware');
    expect(answer.text).toContain(
      'Koa: before koa-bodyparser / @koa/bodyparser, handing it ctx.req and ctx.res',
    );
    expect(handled).toEqual([]);
    expect(errors.map((error) => error.name)).toEqual(['BodyConsumedError']);
  });
});

/** The Hono recipe: the route hands c.req.raw to the Fetch handler. */
function honoApp(hooks: Webhooks, readFirst: boolean): Hono {
  const app = new Hono();
  const handler = createFetchHandler(hooks);
  app.post('/hooks', async (c) => {
    if (readFirst) await c.req.json();
    return handler(c.req.raw);
  });
  return app;
}

describe('Hono', () => {
  it('verifies c.req.raw handed over unread', async () => {
    const { hooks, handled } = webhooks();
    const url = await listening(
      serve({ fetch: honoApp(hooks, false).fetch, port: 0, hostname: '127.0.0.1' }) as Server,
    );
    expect(await post(url)).toEqual({ status: 200, text: 'ok\n' });
    expect(handled).toEqual([7]);
  });

  it('after c.req.json(): 500 naming the fix, onError called, never a 401', async () => {
    const { hooks, errors } = webhooks();
    const url = await listening(
      serve({ fetch: honoApp(hooks, true).fetch, port: 0, hostname: '127.0.0.1' }) as Server,
    );
    const answer = await post(url);
    expect(answer.status).toBe(500);
    expect(answer.text).toContain('Hono: pass c.req.raw before c.req.json() or c.req.text() reads it');
    expect(errors.map((error) => error.name)).toEqual(['BodyConsumedError']);
  });
});
