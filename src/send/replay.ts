import { sign } from '../catalog/signature.js';
import type { RecordedDelivery } from '../listen/recorder.js';
import { UsageError } from '../shared/errors.js';
import { readInputFile } from '../shared/input-file.js';
import { type PostOutcome, postDelivery } from './post.js';

export interface Recording {
  deliveries: RecordedDelivery[];
  /** A last line cut short (the recording session was killed mid-write): skipped. */
  truncatedLine?: number;
}

/**
 * Reads a `listen --record` file. A malformed line is an input error naming its line number,
 * except a last line without its newline, which a killed session can leave: it is skipped.
 */
export async function readRecording(file: string): Promise<Recording> {
  const text = (await readInputFile(file, '--from')).toString('utf8');
  const lines = text.split('\n');
  const deliveries: RecordedDelivery[] = [];
  let truncatedLine: number | undefined;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = parseRecordedLine(line);
    if (parsed) {
      deliveries.push(parsed);
      return;
    }
    if (index === lines.length - 1) {
      truncatedLine = index + 1;
      return;
    }
    throw new UsageError(
      `${file}:${index + 1} is not a line written by \`listen --record\`.`,
      'bad_recording',
    );
  });
  return truncatedLine === undefined ? { deliveries } : { deliveries, truncatedLine };
}

function parseRecordedLine(line: string): RecordedDelivery | undefined {
  try {
    const parsed = JSON.parse(line) as RecordedDelivery;
    const valid = parsed.v === 1 && typeof parsed.id === 'number' && typeof parsed.body_base64 === 'string';
    return valid ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** `3`, or `<session>:3` when several sessions appended to one file; `all` is every one in order. */
export function pickDeliveries(recorded: readonly RecordedDelivery[], which: string): RecordedDelivery[] {
  if (which === 'all') return [...recorded];
  const [session, idText] = which.includes(':') ? which.split(':', 2) : [undefined, which];
  const id = Number(idText);
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
