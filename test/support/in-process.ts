import type { Emulator } from '../../src/emulator/emulator.js';

/** The environment of a user whose API key and URL point at the in-process emulator. */
export function apiEnv(emu: Emulator): Record<string, string> {
  return { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test' };
}

/** Waits until `read()` holds `pattern` (output of a command running in this process). */
export async function untilOutput(
  read: () => string,
  pattern: RegExp,
  timeoutMs = 10_000,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = read().match(pattern);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`never saw ${pattern} in: ${read()}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
