import { request } from 'undici';
import { networkReason } from '../net-errors.js';
import { NetworkError } from '../shared/errors.js';

export interface PostOutcome {
  status: number;
  ms: number;
  /** The start of the answer's body, for a human to see what the handler said. */
  excerpt: string;
}

/** POSTs `body` with `headers` to a webhook handler, as Salesloft would; network failures are exit 4. */
export async function postDelivery(
  url: string,
  body: Uint8Array,
  headers: Record<string, string>,
  timeoutMs = 10_000,
): Promise<PostOutcome> {
  const started = performance.now();
  try {
    const response = await request(url, {
      method: 'POST',
      body,
      headers,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.body.text();
    return {
      status: response.statusCode,
      ms: Math.round(performance.now() - started),
      excerpt: text.replace(/\s+/g, ' ').trim().slice(0, 120),
    };
  } catch (error) {
    throw new NetworkError(`Cannot deliver to ${new URL(url).host}: ${networkReason(error, timeoutMs)}`, {
      cause: error,
    });
  }
}
