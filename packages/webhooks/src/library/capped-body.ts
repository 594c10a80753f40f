import { PayloadTooLargeError } from './errors.js';

/**
 * A body's bytes, counted as they arrive: past `limit` it calls `stop` (drop the rest, cancel the
 * stream) and throws `PayloadTooLargeError` (413), whatever the request declared.
 */
export async function collectCapped(
  chunks: AsyncIterable<Uint8Array>,
  limit: number,
  stop: () => unknown,
): Promise<Uint8Array> {
  const kept: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > limit) {
      await stop();
      throw new PayloadTooLargeError(limit);
    }
    kept.push(chunk);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of kept) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

/** A web stream's chunks, read with its reader (edge runtimes' streams need not be async iterable). */
export async function* readerChunks(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}
