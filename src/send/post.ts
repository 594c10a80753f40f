import { networkReason } from '../net/errors.js';
import { type PostAnswer, timedPost } from '../net/post.js';
import { NetworkError } from '../shared/errors.js';

export type PostOutcome = PostAnswer;

/** POSTs `body` with `headers` to a webhook handler, as Salesloft would; network failures are exit 4. */
export async function postDelivery(
  url: string,
  body: Uint8Array,
  headers: Record<string, string>,
  timeoutMs = 10_000,
): Promise<PostOutcome> {
  try {
    return await timedPost(url, body, headers, { timeoutMs });
  } catch (error) {
    throw new NetworkError(`Cannot deliver to ${new URL(url).host}: ${networkReason(error, timeoutMs)}`, {
      cause: error,
    });
  }
}
