import { sign } from '../catalog/signature.js';
import type { RecordedDelivery } from '../listen/recorder.js';
import { UsageError } from '../shared/errors.js';
import { readInputFile } from '../shared/input-file.js';
import { type PostOutcome, postDelivery } from './post.js';

export interface Recording {
  deliveries: RecordedDelivery[];
  /** Lines that are not a complete recorded delivery: skipped, named by line (and id when it has one). */
  damaged: DamagedLine[];
  /** A last line cut short (the recording session was killed mid-write): skipped. */
  truncatedLine?: number;
}

export interface DamagedLine {
  line: number;
  id?: number;
  /** What is wrong: the fields it lacks, or that it is not JSON. */
  problem: string;
}

/**
 * Reads a `listen --record` file. Lines that are not a complete recorded delivery are skipped and
 * listed, so the good ones stay usable; a file with none is an input error naming the first bad
 * line. A last line without its newline (a killed session) is skipped as cut short.
 */
export async function readRecording(file: string): Promise<Recording> {
  const text = (await readInputFile(file, '--from')).toString('utf8');
  const lines = text.split('\n');
  const deliveries: RecordedDelivery[] = [];
  const damaged: DamagedLine[] = [];
  let truncatedLine: number | undefined;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = parseRecordedLine(line);
    if ('delivery' in parsed) {
      deliveries.push(parsed.delivery);
    } else if (index === lines.length - 1 && parsed.id === undefined) {
      truncatedLine = index + 1;
    } else {
      damaged.push({ line: index + 1, ...parsed });
    }
  });
  const [first] = damaged;
  if (deliveries.length === 0 && first) {
    throw new UsageError(
      `${file}:${first.line} is not a line written by \`listen --record\` (${first.problem}).`,
      'bad_recording',
    );
  }
  return { deliveries, damaged, ...(truncatedLine === undefined ? {} : { truncatedLine }) };
}

/** `FILE:LINE: ...` for each damaged line, for the warning lines of `replay` and `inspect`. */
export function damagedLineNotes(file: string, recording: Recording): string[] {
  const notes = recording.damaged.map(
    (bad) =>
      `${file}:${bad.line}${bad.id === undefined ? '' : ` (delivery ${bad.id})`} is not a complete recorded delivery (${bad.problem}); skipped.`,
  );
  if (recording.truncatedLine !== undefined) {
    notes.push(`${file}:${recording.truncatedLine} is cut short (a session killed mid-write); skipped.`);
  }
  return notes;
}

function parseRecordedLine(line: string): { delivery: RecordedDelivery } | { id?: number; problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { problem: 'not JSON' };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { problem: 'not a JSON object' };
  const record = parsed as Record<string, unknown>;
  const id = Number.isInteger(record.id) ? (record.id as number) : undefined;
  const signature = record.signature as Record<string, unknown> | null | undefined;
  const headers = record.headers;
  const checks: [string, boolean][] = [
    ['v', record.v === 1],
    ['id', id !== undefined],
    ['received_at', typeof record.received_at === 'string'],
    ['event_type', record.event_type === null || typeof record.event_type === 'string'],
    ['path', typeof record.path === 'string'],
    [
      'headers',
      !!headers &&
        typeof headers === 'object' &&
        !Array.isArray(headers) &&
        Object.values(headers).every((value) => typeof value === 'string'),
    ],
    ['body_base64', typeof record.body_base64 === 'string'],
    [
      'signature',
      !!signature &&
        typeof signature === 'object' &&
        typeof signature.valid === 'boolean' &&
        (signature.reason === null || typeof signature.reason === 'string'),
    ],
  ];
  const missing = checks.filter(([, ok]) => !ok).map(([name]) => name);
  if (missing.length > 0)
    return { ...(id === undefined ? {} : { id }), problem: `missing or wrong: ${missing.join(', ')}` };
  return { delivery: record as unknown as RecordedDelivery };
}

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
    const outcome = await replayOne(delivery, request.url, request.token);
    sent.push({ id: delivery.id, event_type: delivery.event_type, status: outcome.status, ms: outcome.ms });
    request.onSent?.(delivery, outcome);
  }
  return sent;
}
