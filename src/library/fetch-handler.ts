import { answerFor, servesPath } from './answer.js';
import { PayloadTooLargeError } from './errors.js';
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
    if (!servesPath(new URL(request.url).pathname, options.path)) return text(404, 'Not Found');
    if (request.method !== 'POST') return text(405, 'Method Not Allowed', { allow: 'POST' });
    let outcome: unknown;
    try {
      const declared = Number(request.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > webhooks.maxBodyBytes) {
        throw new PayloadTooLargeError(webhooks.maxBodyBytes);
      }
      const body = new Uint8Array(await request.arrayBuffer());
      await webhooks.receive({ body, headers: request.headers });
    } catch (error) {
      outcome = error;
    }
    const { status, text: message } = answerFor(outcome);
    return text(status, message);
  };
}

function text(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
  });
}
