import type { IncomingHttpHeaders } from 'node:http';
import type { LinkSwapVerdict } from '../../packages/webhooks/src/catalog/link-swap.js';
import type { SignatureVerdict } from '../../packages/webhooks/src/catalog/signature.js';

export interface ForwardResult {
  status: number | null;
  ms: number;
  error: string | null;
  /** The start of the target's answer when it was an error, for the printed line. */
  excerpt?: string;
  /** With routes per event type: the target this delivery's route sent it to. */
  route?: string;
  /** The target's answer as it came (headers, body up to 64 KiB), for the inspector. */
  response?: { headers: Record<string, string>; body: Buffer; truncated: boolean };
}

/**
 * The largest invalid body the session looks into (diagnosed, parsed for its line, kept whole by
 * the inspector): a larger forgery is shown by its size alone, so a flood of them costs no parsing.
 */
export const INVALID_BODY_EXAMINED = 64 * 1024;

/** Whether the session reads this body (parses, diagnoses, keeps it whole): valid, or a small invalid one. */
export function examined(delivery: Pick<Delivery, 'signature' | 'body'>): boolean {
  return delivery.signature.valid || delivery.body.length <= INVALID_BODY_EXAMINED;
}

/** The receiver's answer names the session's number for each delivery, for `trigger` and `replay` to print. */
export const DELIVERY_ID_HEADER = 'x-salesloft-hooks-delivery';

/** Marks a delivery sent again (from the inspector, or by `replay` through listen): its value is the original's id. */
export const REPLAY_HEADER = 'x-salesloft-hooks-replay-of';

/** One POST that reached this session's path, verified or not. */
export interface Delivery {
  /** Sequence number in the session, from 1. */
  id: number;
  received_at: string;
  path: string;
  event_type: string | null;
  /** Request headers as received (lower-case names). */
  headers: IncomingHttpHeaders;
  body: Buffer;
  signature: SignatureVerdict & {
    /** For an invalid one, what probably went wrong (SHA-256, a re-serialized body, ...), when a known mistake explains it. */
    hint?: string;
  };
  forward: ForwardResult | null;
  /** What the receiver answered Salesloft. */
  status: number;
  /** For a verified link_swap: what Salesloft would make of the answer it got. */
  link_swap?: LinkSwapVerdict;
}
