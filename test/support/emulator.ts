import {
  type Emulator,
  type EmulatorOptions,
  startEmulator,
} from '../../packages/webhooks/src/emulator/emulator.js';
import { SalesloftClient } from '../../src/salesloft/client.js';
import { afterEveryTest } from './after-test.js';
import { TestClock } from './clock.js';

const running: { close(): Promise<void> }[] = [];

afterEveryTest(async () => {
  await Promise.all(running.splice(0).map((item) => item.close()));
});

/** An in-process emulator that is closed after the test; fast delivery retries by default. */
export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const instance = await startEmulator({
    retryIntervalMs: 50,
    deliveryTimeoutMs: 1_000,
    seed: 7,
    ...options,
  });
  running.push(instance);
  return instance;
}

/** A client for `baseUrl` with short retry delays, closed after the test. */
export function client(
  baseUrl: string,
  overrides: Partial<ConstructorParameters<typeof SalesloftClient>[0]> = {},
) {
  const notes: string[] = [];
  const clock = overrides.clock instanceof TestClock ? overrides.clock : new TestClock();
  const instance = new SalesloftClient({
    baseUrl,
    apiKey: 'ak_test',
    userAgent: 'salesloft-hooks/test',
    notify: (message) => notes.push(message),
    retry: { baseDelayMs: 5, maxDelayMs: 20, rateLimitJitterMs: 10 },
    clock,
    ...overrides,
  });
  running.push(instance);
  return { client: instance, notes, clock };
}
