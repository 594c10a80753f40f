import { DELIVERY_ID_HEADER } from '../listen/delivery.js';
import type { PostAnswer } from '../net/post.js';

/** The listen session's number for a delivery sent through its receiver (undefined for any other target). */
export function sessionDeliveryId(answer: Pick<PostAnswer, 'response'>): number | undefined {
  const id = Number(answer.response.headers[DELIVERY_ID_HEADER]);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
