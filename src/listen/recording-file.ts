import { closeSync, constants, fchmodSync, fstatSync, openSync, writeSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import type { LinkSwapVerdict } from '../../packages/webhooks/src/catalog/link-swap.js';
import { UsageError } from '../shared/errors.js';
import { readInputFile } from '../shared/input-file.js';
import { type Delivery, REPLAY_HEADER } from './delivery.js';

/** One `--record` line: everything needed to replay or verify the delivery byte for byte. */
export interface RecordedDelivery {
  v: 1;
  /** The listen session that received it: ids restart in each session, and sessions may share a file. */
  session_id?: string;
  id: number;
  received_at: string;
  event_type: string | null;
  path: string;
  headers: Record<string, string>;
  body_base64: string;
  signature: { valid: boolean; reason: string | null };
  /** What the forward target answered (with --forward-to), so the recording shows what failed. */
  forward?: { status: number | null; ms: number; error: string | null; route?: string };
  /** For a verified link_swap: what Salesloft would make of the answer it got. */
  link_swap?: LinkSwapVerdict;
  retry_of?: number;
  replay_of?: number;
}

/**
 * Appends deliveries to a JSON-lines file readable only by its owner. Each line is written before
 * the delivery is answered (one small synchronous append), so a delivery Salesloft saw accepted is
 * in the file. A write that fails (a full disk) is reported once through `onError`; the session
 * goes on, and `missed` counts the deliveries that are not in the file.
 */
export class Recorder {
  private fd: number | undefined;
  private failed = false;
  missed = 0;

  constructor(
    readonly file: string,
    private readonly sessionId?: string,
    private readonly onError: (message: string) => void = () => {},
  ) {
    let fd: number;
    try {
      // O_NOFOLLOW: a symlink planted at the path must not redirect the recording or its chmod.
      fd = openSync(
        file,
        constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW,
        0o600,
      );
      // A device or a FIFO (/dev/stdout, a named pipe) is not ours to chmod.
      if (fstatSync(fd).isFile()) fchmodSync(fd, 0o600);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        code === 'ELOOP'
          ? `--record ${file} is a symbolic link: give the path of a regular file.`
          : `Cannot write --record file ${file} (${code}).`,
        'unwritable_file',
      );
    }
    this.fd = fd;
  }

  append(delivery: Delivery, retryOf?: number): void {
    const replayOf = Number(delivery.headers[REPLAY_HEADER]);
    const line: RecordedDelivery = {
      v: 1,
      ...(this.sessionId === undefined ? {} : { session_id: this.sessionId }),
      id: delivery.id,
      received_at: delivery.received_at,
      event_type: delivery.event_type,
      path: delivery.path,
      headers: recordableHeaders(delivery.headers),
      body_base64: delivery.body.toString('base64'),
      signature: { valid: delivery.signature.valid, reason: delivery.signature.reason },
      ...(delivery.forward
        ? {
            forward: {
              status: delivery.forward.status,
              ms: delivery.forward.ms,
              error: delivery.forward.error,
              ...(delivery.forward.route ? { route: delivery.forward.route } : {}),
            },
          }
        : {}),
      ...(delivery.link_swap ? { link_swap: delivery.link_swap } : {}),
      ...(retryOf === undefined ? {} : { retry_of: retryOf }),
      ...(Number.isInteger(replayOf) && replayOf > 0 ? { replay_of: replayOf } : {}),
    };
    this.write(`${JSON.stringify(line)}\n`, delivery.id);
  }

  private write(text: string, id: number): void {
    if (this.fd === undefined) {
      this.missed += 1;
      return;
    }
    const bytes = Buffer.from(text);
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(this.fd, bytes, written);
    } catch (error) {
      this.missed += 1;
      if (this.failed) return;
      this.failed = true;
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      this.onError(
        `--record ${this.file}: could not write delivery #${id} (${code}); the session goes on, and the deliveries that cannot be written are counted at the end.`,
      );
    }
  }

  close(): Promise<void> {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    return Promise.resolve();
  }
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'host',
  'upgrade',
]);

/** The headers worth replaying: all but the hop-by-hop ones, repeated values joined. */
function recordableHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}

// Reading: what `replay` and `inspect --from` take.

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
