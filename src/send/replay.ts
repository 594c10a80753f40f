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

/** Re-sends a recorded delivery byte for byte with its original headers, re-signed when a token is given. */
export function replayOne(delivery: RecordedDelivery, url: string, token?: string): Promise<PostOutcome> {
  const body = Buffer.from(delivery.body_base64, 'base64');
  const headers = { ...delivery.headers };
  delete headers['content-length'];
  if (token !== undefined) headers['x-salesloft-signature'] = sign(body, token);
  return postDelivery(url, body, headers);
}
