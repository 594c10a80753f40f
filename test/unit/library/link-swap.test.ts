import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createFetchHandler,
  createNodeMiddleware,
  type LinkSwapAnswer,
  linkSwapAnswer,
  samplePayload,
  signedDelivery,
  Webhooks,
} from '../../../packages/webhooks/src/index.js';
import { afterEveryTest } from '../../support/after-test.js';

const TOKEN = 'link-token';
const servers: ReturnType<typeof createServer>[] = [];
afterEveryTest(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A link_swap delivery of the sample, whose first link the handlers below swap. */
function delivery() {
  const payload = samplePayload('link_swap');
  return { payload, ...signedDelivery({ eventType: 'link_swap', body: payload, token: TOKEN }) };
}

async function serve(webhooks: Webhooks): Promise<string> {
  const server = createServer(createNodeMiddleware(webhooks));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('link_swap in the library', () => {
  it('a handler returns the links to swap: receive resolves to them, the middleware answers them as JSON', async () => {
    const webhooks = new Webhooks({ token: TOKEN });
    webhooks.on('link_swap', (event) => {
      const [first = ''] = event.payload.links;
      return { links: { [first]: 'https://track.example.com/r/1' } };
    });
    webhooks.on('link_swap', async () => undefined);
    const { payload, body, headers } = delivery();
    const expected = { links: { [payload.links[0] ?? '']: 'https://track.example.com/r/1' } };
    expect(await webhooks.receive({ body, headers })).toEqual(expected);

    const answer = await fetch(await serve(webhooks), { method: 'POST', body, headers });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(await answer.json()).toEqual(expected);
  });

  it('with no handler, or handlers that return nothing, Salesloft gets {"links":{}}; other types keep "ok"', async () => {
    const webhooks = new Webhooks({ token: TOKEN });
    webhooks.on('*', () => 'ignored');
    const handler = createFetchHandler(webhooks);
    const { body, headers } = delivery();
    const answer = await handler(new Request('http://app.test/hooks', { method: 'POST', body, headers }));
    expect([answer.status, answer.headers.get('content-type'), await answer.text()]).toEqual([
      200,
      'application/json',
      '{"links":{}}',
    ]);
    const person = signedDelivery({ eventType: 'person_updated', token: TOKEN });
    const other = await handler(new Request('http://app.test/hooks', { method: 'POST', ...person }));
    expect([other.status, await other.text()]).toEqual([200, 'ok\n']);
    expect(await webhooks.receive(person)).toBeUndefined();
  });

  it('linkSwapAnswer builds the answer for verifyWebhook users, usable as a Response init', async () => {
    const answer = linkSwapAnswer({ 'https://a.example/x': 'https://b.example/y' });
    expect(answer).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"links":{"https://a.example/x":"https://b.example/y"}}',
    });
    expect(await new Response(answer.body, answer).json()).toEqual({
      links: { 'https://a.example/x': 'https://b.example/y' },
    });
    expect(linkSwapAnswer().body).toBe('{"links":{}}');
  });

  it('types: a link_swap handler returns a LinkSwapAnswer (or nothing); its payload is the documented shape', () => {
    const webhooks = new Webhooks({ token: TOKEN });
    webhooks.on('link_swap', (event) => {
      expectTypeOf(event.payload.links).toEqualTypeOf<string[]>();
      expectTypeOf(event.payload.person.email).toEqualTypeOf<string>();
      return { links: {} } satisfies LinkSwapAnswer;
    });
    // @ts-expect-error: a link_swap handler's answer is { links }, not any value
    webhooks.on('link_swap', () => 'swap them');
  });
});
