import { type Answer, answerFor, servesPath } from './answer.js';
import { PayloadTooLargeError, WebhookError } from './errors.js';
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
      const declared = Number(request.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > webhooks.maxBodyBytes) {
        throw new PayloadTooLargeError(webhooks.maxBodyBytes);
      }
      const body = new Uint8Array(await request.arrayBuffer());
      outcome = { answer: await webhooks.receive({ body, headers: request.headers }) };
    } catch (error) {
      outcome = { error };
    }
    return respond(answerFor(outcome));
  };
}

function respond(answer: Answer, headers: Record<string, string> = {}): Response {
  return new Response(answer.body, { status: answer.status, headers: { ...answer.headers, ...headers } });
}
