import { networkReason } from '../../packages/webhooks/src/net/errors.js';
import { ANSWER_READ_LIMIT } from '../../packages/webhooks/src/net/post.js';
import { NetworkError } from '../shared/errors.js';
import { sendRequest } from './http-request.js';
import type { Dispatcher } from './undici.js';

export interface PostAnswer {
  status: number;
  ms: number;
  /** The start of the answer's body on one line, for a human to see what the handler said. */
  excerpt: string;
  /** The answer as it came, for the inspector: its headers and body (at most 64 KiB). */
  response: { headers: Record<string, string>; body: Buffer; truncated: boolean };
}

const EXCERPT_CHARS = 120;

export { ANSWER_READ_LIMIT };

/**
 * The one timed POST of a webhook delivery (trigger, replay, the forwarder, the emulator): the
 * exact bytes with the given headers, the whole exchange bounded by `timeoutMs`. Network failures
 * are thrown as they come; describe them with `networkReason`.
 */
export async function timedPost(
  url: string,
  body: Uint8Array,
  headers: Record<string, string>,
  options: { timeoutMs: number; dispatcher?: Dispatcher },
): Promise<PostAnswer> {
  const started = performance.now();
  const answer = await sendRequest(new URL(url), {
    method: 'POST',
    body,
    headers,
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    headersTimeoutMs: options.timeoutMs,
    bodyTimeoutMs: options.timeoutMs,
    limit: ANSWER_READ_LIMIT,
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  const answered = answer.body ?? answer.prefix ?? Buffer.alloc(0);
  const answeredHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined) answeredHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    status: answer.status,
    ms: Math.round(performance.now() - started),
    excerpt: answered.toString('utf8').replace(/\s+/g, ' ').trim().slice(0, EXCERPT_CHARS),
    response: { headers: answeredHeaders, body: answered, truncated: answer.body === undefined },
  };
}

/** POSTs `body` with `headers` to a webhook handler, as Salesloft would; network failures are exit 4. */
export async function postDelivery(
  url: string,
  body: Uint8Array,
  headers: Record<string, string>,
  timeoutMs = 10_000,
): Promise<PostAnswer> {
  try {
    return await timedPost(url, body, headers, { timeoutMs });
  } catch (error) {
    throw new NetworkError(`Cannot deliver to ${new URL(url).host}: ${networkReason(error, timeoutMs)}`, {
      cause: error,
    });
  }
}
