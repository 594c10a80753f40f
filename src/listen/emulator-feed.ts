import type { Emulator } from '../emulator/emulator.js';

/** For `listen --emulator`: one sample of each subscribed type at once, then a random one every interval. */
export function feedSamples(
  emulator: Emulator,
  eventTypes: readonly string[],
  intervalMs = 2_000,
): () => void {
  for (const eventType of eventTypes) emulator.fire(eventType);
  const timer = setInterval(() => {
    const eventType = eventTypes[Math.floor(Math.random() * eventTypes.length)];
    if (eventType) emulator.fire(eventType);
  }, intervalMs);
  return () => clearInterval(timer);
}
