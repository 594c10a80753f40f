import type { DeliveryRecord } from '../emulator/deliverer.js';
import type { FaultRule } from '../emulator/faults.js';

export type { DeliveryRecord, FaultRule };

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Accept only this Bearer token (default: any). */
  apiKey?: string;
  /** Wait between delivery attempts (Salesloft: 15 s; default here 15 000). */
  retryIntervalMs?: number;
  /** Seed for sample payloads (reproducible ids and values). */
  seed?: number;
}

/** A local Salesloft for your tests: the webhook-subscriptions REST API at `url` and real signed deliveries. */
export interface Emulator {
  readonly url: string;
  /** Delivers an event to every enabled subscription of its type (`data` defaults to a realistic sample). */
  fire(eventType: string, data?: unknown): { event_type: string; body: unknown; deliveries: number[] };
  /** Every delivery and its attempts. */
  deliveries(): DeliveryRecord[];
  /** Resolves once every delivery has succeeded or used up its retries. */
  deliveriesSettled(): Promise<void>;
  /** Misbehaviour for the REST API: `add({kind: 'status', status: 500, method: 'POST'})`, `clear()`. */
  readonly faults: { add(rule: FaultRule): void; clear(): void };
  /** Forgets subscriptions, faults and the request log. */
  reset(): void;
  close(): Promise<void>;
}

/** Starts an emulator (loaded on first use, so importing the library stays light). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const { startEmulator: start } = await import('../emulator/emulator.js');
  return start(options);
}
