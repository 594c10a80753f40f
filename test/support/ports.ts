import { createServer } from 'node:net';

/**
 * A port that was free a moment ago, from the system's ephemeral range: for a process under test
 * that must be told its port. Tests run side by side, so a fixed default (the inspector's 4041
 * and up) may be taken, or freed and taken by another test, between one step and the next.
 */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
