import {
  judgeLinkSwapAnswer,
  linksSent,
  UNCHANGED_LINKS_ANSWER,
} from '../../packages/webhooks/src/catalog/link-swap.js';
import { ANSWER_READ_LIMIT } from '../net/post.js';
import type { Delivery } from './delivery.js';

/** link_swap is answered with content, not just a status: Salesloft rewrites the email's links from it. */
export const LINK_SWAP = 'link_swap';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/**
 * What Salesloft gets for a verified link_swap delivery, with its verdict set on the delivery: the
 * app's status, content-type and body as it answered (up to 64 KiB), or `{"links":{}}` (change
 * nothing) when nothing is forwarded. An app that did not answer, or answered more than the cap,
 * gets the usual 502 and an invalid verdict. Undefined: answer as for any other type.
 */
export function linkSwapReply(delivery: Delivery): Reply | undefined {
  const forward = delivery.forward;
  if (forward === null) {
    delivery.link_swap = { valid: true, reason: null, links: {} };
    return { status: 200, headers: { 'content-type': 'application/json' }, body: UNCHANGED_LINKS_ANSWER };
  }
  if (forward.status === null || forward.response === undefined) {
    delivery.link_swap = { valid: false, reason: `your app did not answer (${forward.error})`, links: {} };
    return undefined;
  }
  delivery.link_swap = judgeLinkSwapAnswer(linksSent(delivery.body), {
    status: forward.status,
    body: forward.response.body,
    truncated: forward.response.truncated,
    limit: ANSWER_READ_LIMIT,
  });
  if (forward.response.truncated) {
    delivery.status = 502;
    return undefined;
  }
  const type = forward.response.headers['content-type'];
  return {
    status: forward.status,
    headers: type === undefined ? {} : { 'content-type': type },
    body: forward.response.body,
  };
}
