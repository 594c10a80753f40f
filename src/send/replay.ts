import { sign } from '../../packages/webhooks/src/catalog/signature.js';
import { REPLAY_HEADER } from '../listen/delivery.js';
import type { RecordedDelivery, Recording } from '../listen/recording-file.js';
import { type PostAnswer, postDelivery } from '../net/post.js';
import { UsageError } from '../shared/errors.js';

/** `3`, or `<session>:3` when several sessions appended to one file; `all` is every one in order. */
export function pickDeliveries(recording: Recording, which: string, file: string): RecordedDelivery[] {
  const recorded = recording.deliveries;
  if (which === 'all') return [...recorded];
  const [session, idText] = which.includes(':') ? which.split(':', 2) : [undefined, which];
  const id = Number(idText);
  const damaged = recording.damaged.find((bad) => bad.id === id);
  if (damaged && !recorded.some((delivery) => delivery.id === id)) {
    throw new UsageError(
      `${file}:${damaged.line}: delivery ${id} is not a complete recorded delivery (${damaged.problem}).`,
      'bad_recording',
    );
  }
  const found = recorded.filter(
    (delivery) => delivery.id === id && (session === undefined || delivery.session_id === session),
  );
  if (!Number.isInteger(id) || found.length === 0) {
    const ids = recorded.map((delivery) => delivery.id);
    throw new UsageError(
      `No delivery ${which} in the recording (it has ${ids.length > 0 ? `ids ${Math.min(...ids)}..${Math.max(...ids)}` : 'none'}; or pass all).`,
      'unknown_delivery',
    );
  }
  const sessions = [...new Set(found.map((delivery) => delivery.session_id))];
  if (sessions.length > 1) {
    throw new UsageError(
      `Delivery ${which} is in ${sessions.length} sessions of this recording: pass ${sessions.map((name) => `${name ?? '?'}:${id}`).join(' or ')}.`,
      'ambiguous_delivery',
    );
  }
  return found;
}

/**
 * Re-sends a recorded delivery byte for byte with its original headers, signed with `token`;
 * through a listen session, marked as a replay of its id (listen shows `replay of #n`, not a retry).
 */
export function replayOne(
  delivery: RecordedDelivery,
  url: string,
  token: string,
  throughListen = false,
  insecure = false,
): Promise<PostAnswer> {
  const body = Buffer.from(delivery.body_base64, 'base64');
  const headers = { ...delivery.headers };
  delete headers['content-length'];
  delete headers[REPLAY_HEADER];
  if (throughListen) headers[REPLAY_HEADER] = String(delivery.replay_of ?? delivery.id);
  headers['x-salesloft-signature'] = sign(body, token);
  return postDelivery(url, body, headers, { insecure });
}

export interface ReplayRequest {
  deliveries: readonly RecordedDelivery[];
  url: string;
  token: string;
  /** Re-sign deliveries that were recorded with an invalid signature too (a forgery becomes valid). */
  includeInvalid: boolean;
  /** `url` is a listen session's receiver: each replay says which delivery it repeats. */
  throughListen?: boolean;
  /** `--insecure`: accept a loopback https target's self-signed certificate. */
  insecure?: boolean;
  onSent?: (delivery: RecordedDelivery, outcome: PostAnswer) => void;
  onSkipped?: (delivery: RecordedDelivery) => void;
}

export interface ReplayOutcome {
  id: number;
  event_type: string | null;
  status: number;
  ms: number;
}

/** Replays deliveries one after the other; those recorded INVALID are skipped unless asked for. */
export async function replayDeliveries(request: ReplayRequest): Promise<ReplayOutcome[]> {
  const sent: ReplayOutcome[] = [];
  for (const delivery of request.deliveries) {
    if (!delivery.signature.valid && !request.includeInvalid) {
      request.onSkipped?.(delivery);
      continue;
    }
    const outcome = await replayOne(
      delivery,
      request.url,
      request.token,
      request.throughListen,
      request.insecure,
    );
    sent.push({ id: delivery.id, event_type: delivery.event_type, status: outcome.status, ms: outcome.ms });
    request.onSent?.(delivery, outcome);
  }
  return sent;
}
