import { UsageError } from '../errors.js';
import { readInputFile } from '../input-file.js';
import type { RecordedDelivery } from '../listen/recorder.js';
import { sign } from '../signature.js';
import { type PostOutcome, postDelivery } from './post.js';

/** Reads a `listen --record` file; a malformed line is an input error naming its line number. */
export async function readRecording(file: string): Promise<RecordedDelivery[]> {
  const text = (await readInputFile(file, '--from')).toString('utf8');
  return text.split('\n').flatMap((line, index) => {
    if (line.trim() === '') return [];
    try {
      const parsed = JSON.parse(line) as RecordedDelivery;
      if (parsed.v !== 1 || typeof parsed.id !== 'number' || typeof parsed.body_base64 !== 'string')
        throw new Error('shape');
      return [parsed];
    } catch {
      throw new UsageError(
        `${file}:${index + 1} is not a line written by \`listen --record\`.`,
        'bad_recording',
      );
    }
  });
}

/** The deliveries named by DELIVERY: an id, or `all` for every one in order. */
export function pickDeliveries(recorded: readonly RecordedDelivery[], which: string): RecordedDelivery[] {
  if (which === 'all') return [...recorded];
  const id = Number(which);
  const found = recorded.filter((delivery) => delivery.id === id);
  if (!Number.isInteger(id) || found.length === 0) {
    const ids = recorded.map((delivery) => delivery.id);
    throw new UsageError(
      `No delivery ${which} in the recording (it has ${ids.length > 0 ? `ids ${ids[0]}..${ids[ids.length - 1]}` : 'none'}; or pass all).`,
      'unknown_delivery',
    );
  }
  return found;
}

/** Re-sends a recorded delivery byte for byte with its original headers, signed with `token`. */
export function replayOne(delivery: RecordedDelivery, url: string, token: string): Promise<PostOutcome> {
  const body = Buffer.from(delivery.body_base64, 'base64');
  const headers = { ...delivery.headers };
  delete headers['content-length'];
  headers['x-salesloft-signature'] = sign(body, token);
  return postDelivery(url, body, headers);
}

export interface ReplayRequest {
  deliveries: readonly RecordedDelivery[];
  url: string;
  token: string;
  /** Re-sign deliveries that were recorded with an invalid signature too (a forgery becomes valid). */
  includeInvalid: boolean;
  onSent?: (delivery: RecordedDelivery, outcome: PostOutcome) => void;
  onSkipped?: (delivery: RecordedDelivery) => void;
}

export interface ReplayOutcome {
  id: number;
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
    const outcome = await replayOne(delivery, request.url, request.token);
    sent.push({ id: delivery.id, status: outcome.status, ms: outcome.ms });
    request.onSent?.(delivery, outcome);
  }
  return sent;
}
