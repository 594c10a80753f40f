import type { Readable } from 'node:stream';

/**
 * Reads a body of at most `limit` bytes and calls back with it, or with `undefined` as soon as it
 * passes the limit (the rest is drained, not kept). Callbacks rather than async iteration: the
 * receiver's hot path runs through here.
 */
export function readCapped(stream: Readable, limit: number, done: (body: Buffer | undefined) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size <= limit) {
      chunks.push(chunk);
      return;
    }
    stream.off('data', onData);
    stream.off('end', onEnd);
    stream.resume();
    done(undefined);
  };
  const onEnd = () => done(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
  stream.on('data', onData);
  stream.on('end', onEnd);
}

/** `readCapped` as a promise; rejects if the stream fails before its end. */
export function readCappedBody(stream: Readable, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    readCapped(stream, limit, (body) => {
      stream.off('error', reject);
      resolve(body);
    });
  });
}
