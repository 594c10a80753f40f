import type { EventType } from '../catalog/event-types.js';
import type { EventPayload } from '../catalog/payloads.js';
import type { EmulatorQuirks } from '../emulator/api-routes.js';
import type { DeliveryRecord } from '../emulator/deliverer.js';
import type { ApplicationInput, EmulatedApplication } from '../emulator/directory.js';
import type { FaultRule } from '../emulator/faults.js';
import type { Subscription } from '../salesloft/types.js';

export type {
  ApplicationInput,
  DeliveryRecord,
  EmulatedApplication,
  EmulatorQuirks,
  FaultRule,
  Subscription,
};

/** Some of a payload's fields, at any depth: what `fire` merges onto a sample. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Accept only this Bearer token (default: any; each key is an application that sees only its own subscriptions). */
  apiKey?: string;
  /** API keys and the team (and user) each acts for; other keys belong to the default team. */
  applications?: Record<string, ApplicationInput>;
  /** What Salesloft does not document: a create without a token, duplicate subscriptions. */
  quirks?: Partial<EmulatorQuirks>;
  /** Wait between delivery attempts (Salesloft: 15 s; default here 15 000). */
  retryIntervalMs?: number;
  /** Seed for sample payloads (reproducible ids and values). */
  seed?: number;
}

/** A local Salesloft for your tests: the webhook-subscriptions REST API at `url` and real signed deliveries. */
export interface Emulator {
  readonly url: string;
  /**
   * Subscribes `url` to `events` with `token` (as `POST /v2/webhook_subscriptions` does, without
   * HTTP): as `apiKey`'s application, or, without one, seen by every key.
   */
  subscribe(input: {
    url: string;
    token: string;
    events: readonly EventType[];
    apiKey?: string;
  }): Subscription[];
  /** Makes `key` an application of another team: `registerApplication('ak_eu', { team: { id: 7, name: 'Acme EU' } })`. */
  registerApplication(key: string, input?: ApplicationInput): EmulatedApplication;
  /**
   * Delivers an event to every enabled subscription of its type, signed with each one's token: a
   * realistic sample with `data` deep-merged onto it (objects key by key; a value, an array or null
   * replaces). A type outside the 37 does not compile, and throws.
   */
  fire<T extends EventType>(
    eventType: T,
    data?: DeepPartial<EventPayload<T>> | Record<string, unknown>,
  ): { event_type: string; body: unknown; deliveries: number[] };
  /** Delivers exactly these bytes (a captured delivery, a malformed body), signed as Salesloft signs. */
  fireRaw(
    eventType: EventType,
    body: string | Uint8Array,
  ): { event_type: string; body: unknown; deliveries: number[] };
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
