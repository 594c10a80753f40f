import { isCatalogEvent } from '../../packages/webhooks/src/catalog/event-types.js';
import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import type { Subscription } from '../../packages/webhooks/src/salesloft/types.js';

/**
 * For `listen --emulator`: one sample of each subscribed type at once, then a random one every
 * interval (0: the first round only, for a quiet session that `trigger` drives).
 */
export function feedSamples(
  emulator: Emulator,
  subscribed: readonly string[],
  intervalMs = 2_000,
): () => void {
  const eventTypes = subscribed.filter(isCatalogEvent);
  for (const eventType of eventTypes) emulator.fire(eventType);
  if (intervalMs === 0) return () => {};
  const timer = setInterval(() => {
    const eventType = eventTypes[Math.floor(Math.random() * eventTypes.length)];
    if (eventType) emulator.fire(eventType);
  }, intervalMs);
  return () => clearInterval(timer);
}

export interface EmulatorSource {
  /** The API URL of the embedded emulator. */
  url: string;
  /** Starts the sample deliveries for the session's subscriptions. */
  onReady(session: { subscriptions: Subscription[] }): void;
  close(): Promise<void>;
}

/** The embedded Salesloft of `listen --emulator`: an emulator that feeds samples once the session is ready. */
export async function startEmulatorSource(
  notify: (message: string) => void,
  intervalMs = 2_000,
): Promise<EmulatorSource> {
  const { startEmulator } = await import('../../packages/webhooks/src/emulator/emulator.js');
  const emulator = await startEmulator();
  let stopFeed = () => {};
  return {
    url: emulator.url,
    onReady: (session) => {
      notify(
        intervalMs === 0
          ? `Emulator at ${emulator.url} is sending sample deliveries: one of each type, then no more (--emulator-interval 0).`
          : `Emulator at ${emulator.url} is sending sample deliveries: one of each type, then one every ${intervalMs / 1000} s.`,
      );
      stopFeed = feedSamples(
        emulator,
        [...new Set(session.subscriptions.map((sub) => sub.event_type))],
        intervalMs,
      );
    },
    close: async () => {
      stopFeed();
      await emulator.close();
    },
  };
}
