import { constants, createWriteStream, fchmodSync, openSync, type WriteStream } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { UsageError } from '../shared/errors.js';
import type { Delivery } from './delivery.js';

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
}

/** Appends deliveries to a JSON-lines file readable only by its owner. */
export class Recorder {
  private readonly stream: WriteStream;

  constructor(
    file: string,
    private readonly sessionId?: string,
  ) {
    let fd: number;
    try {
      // O_NOFOLLOW: a symlink planted at the path must not redirect the recording or its chmod.
      fd = openSync(
        file,
        constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW,
        0o600,
      );
      fchmodSync(fd, 0o600);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        code === 'ELOOP'
          ? `--record ${file} is a symbolic link: give the path of a regular file.`
          : `Cannot write --record file ${file} (${code}).`,
        'unwritable_file',
      );
    }
    this.stream = createWriteStream('', { fd });
  }

  append(delivery: Delivery): void {
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
    };
    this.stream.write(`${JSON.stringify(line)}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
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
