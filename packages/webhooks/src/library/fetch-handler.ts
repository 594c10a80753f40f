import { type Answer, answerFor, servesPath } from './answer.js';
import { collectCapped, readerChunks } from './capped-body.js';
import { BodyConsumedError, PayloadTooLargeError, WebhookError } from './errors.js';
import type { Webhooks } from './webhooks.js';

/**
 * A Fetch API handler (Next.js route handlers, Hono, Bun, Deno, Cloudflare Workers): verifies with
 * Web Crypto where there is no node:crypto, dispatches, and answers 200, 400, 401, 404, 405, 413 or 500.
 */
export function createFetchHandler(
  webhooks: Webhooks,
  options: { path?: string } = {},
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!servesPath(new URL(request.url).pathname, options.path)) {
      return respond(answerFor({ error: new WebhookError('Not Found', 404) }));
    }
    if (request.method !== 'POST') {
      return respond(answerFor({ error: new WebhookError('Method Not Allowed', 405) }), { allow: 'POST' });
    }
    let outcome: Parameters<typeof answerFor>[0];
    try {
      if (request.bodyUsed) throw new BodyConsumedError('fetch');
      const body = await boundedBody(request, webhooks.maxBodyBytes);
      outcome = { answer: await webhooks.receive({ body, headers: request.headers }) };
    } catch (error) {
      if (error instanceof BodyConsumedError) await webhooks.reportError(error);
      outcome = { error };
    }
    return respond(answerFor(outcome));
  };
}

/**
 * The body's bytes, counted as they arrive and cancelled past `limit` (413), whatever
 * content-length says: a chunked body declares nothing, and a declared one may lie.
 */
async function boundedBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => {});
    throw new PayloadTooLargeError(limit);
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  return collectCapped(readerChunks(reader), limit, () => reader.cancel().catch(() => {}));
}

function respond(answer: Answer, headers: Record<string, string> = {}): Response {
  return new Response(answer.body, { status: answer.status, headers: { ...answer.headers, ...headers } });
}
