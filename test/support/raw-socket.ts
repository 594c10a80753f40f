import { connect } from 'node:net';

/**
 * Writes raw bytes to an HTTP server (optionally a chunk at a time, `gapMs` apart) and returns
 * whatever comes back before the socket closes.
 */
export function rawExchange(
  url: string,
  chunks: (string | Buffer)[],
  { gapMs = 0, endAfterMs = 300 } = {},
): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('error', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (socket.destroyed) break;
        socket.write(chunk);
        if (gapMs > 0) await new Promise((next) => setTimeout(next, gapMs));
      }
      setTimeout(() => socket.end(), endAfterMs);
    });
  });
}
