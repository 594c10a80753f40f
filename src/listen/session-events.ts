/** What a listen session reports as it runs; `cli/render/session.ts` turns each into a line. */
export type SessionEvent =
  /** Journals of earlier sessions that ended without cleaning up (`prune` deletes what they left). */
  | { type: 'dead-journals'; count: number }
  /** A stop was asked while subscriptions were being created: the ones answered will be deleted. */
  | { type: 'stopping'; signal: string }
  /** Something went wrong that does not stop the session (a recording that cannot be written). */
  | { type: 'warning'; message: string }
  /** The app refused a delivery whose signature is valid: most likely it has another token. */
  | { type: 'refused-valid'; status: number; token: string; tokenOrigin: string }
  /** A request the receiver turned away (not a delivery of this session). */
  | { type: 'rejected'; method: string; path: string; status: number; reason: string }
  | { type: 'inspector'; url: string }
  | { type: 'receiver'; url: string }
  | { type: 'subscribing'; callbackUrl: string; eventTypes: number }
  /** Salesloft refused one event type (a missing scope, say); the others go on. */
  | { type: 'skipped'; eventType: string; reason: string }
  | { type: 'ready'; callbackUrl: string; subscriptions: number; token: string }
  /** The tunnel dropped: Salesloft's deliveries fail meanwhile (`final`: it cannot come back). */
  | { type: 'tunnel-lost'; at: string; reason: string; final: boolean }
  /** The tunnel is back; `sameUrl` false: the subscriptions still name the old URL. */
  | { type: 'tunnel-back'; afterMs: number; sameUrl: boolean; url: string }
  | { type: 'cleaning-up'; reason: string; received: number }
  | { type: 'summary'; stats: SessionTotals }
  /** Deliveries answered 503 after --max-deliveries was reached. */
  | { type: 'past-max'; count: number }
  /** Deliveries the recording could not take. */
  | { type: 'unrecorded'; count: number; file: string }
  | { type: 'done'; kept: boolean; subscriptions: number };

/** What a session received: verdicts, and forward answers by class (`2xx`, `4xx`, `failed`). */
export interface SessionTotals {
  verified: number;
  invalid: number;
  forwards: Readonly<Record<string, number>>;
  /** Replays sent to the app from the inspector's page. */
  replays: number;
}

/** The reason `cleaning-up` gives when --max-deliveries ended the session rather than a signal. */
export const MAX_DELIVERIES = 'max-deliveries';
