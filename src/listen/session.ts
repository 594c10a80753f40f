import { randomBytes } from 'node:crypto';
import type { Subscription } from '../../packages/webhooks/src/salesloft/types.js';
import {
  deadSessionJournals,
  type JournalOwner,
  type SessionJournal,
  sessionPath,
} from '../journal/journal.js';
import { withDeadline } from '../net/time.js';
import { PartialFailureError } from '../shared/errors.js';
import type { SubscriptionApi } from '../subscriptions/api.js';
import { runForIds } from '../subscriptions/batch.js';
import { DeliveryFlow, type DeliveryView } from './delivery-flow.js';
import { Recorder } from './recording-file.js';
import { MAX_DELIVERIES, type SessionEvent } from './session-events.js';
import { subscribeSession } from './session-subscribe.js';
import { startTransport, type TransportOptions } from './transport.js';
import type { Tunnel } from './tunnel/tunnel.js';

export type { DeliveryView } from './delivery-flow.js';

export interface ListenOptions extends Omit<TransportOptions, 'sessionId' | 'stateDir'> {
  events: readonly string[];
  /** Where the token came from, in words (see tokenOrigin), for the hint after a refused delivery. */
  tokenOrigin?: string;
  record?: string | undefined;
  keep: boolean;
  /** Longest time cleanup may take before the session gives up and leaves its journal for `prune`. */
  cleanupTimeoutMs?: number;
}

export interface ListenDeps {
  api: SubscriptionApi;
  apiUrl: string;
  /** The team and credential the session acts with, recorded in its journal for `prune`. */
  owner?: JournalOwner;
  stateDir: string;
  openTunnel: (localPort: number, localUrl: string) => Promise<Tunnel>;
  /** Resolves when the user asks to stop (a signal). */
  stopRequested: Promise<string>;
  /** Ids of this session's subscriptions that exist now (created, not yet deleted), kept up to date. */
  live?: Set<number>;
  /** Where delivery lines go (several lines at once, each ending in a newline). */
  stdout: (text: string) => void;
  view: DeliveryView;
  /** Everything else the session has to say (see cli/render/session.ts). */
  onEvent: (event: SessionEvent) => void;
  /** Makes the session journal (a seam for tests of journal failures). */
  createJournal?: typeof SessionJournal.create;
  /** Called once deliveries can arrive (the emulator starts firing here). */
  onReady?: (session: { callbackUrl: string; subscriptions: Subscription[] }) => void;
}

/**
 * The main job: receive, verify, show and forward deliveries for a session's own subscriptions,
 * then delete them. It prints nothing itself: lines go to `stdout` through `view`, the rest is
 * `onEvent`. Throws a CliError when it cannot run, a PartialFailureError when cleanup left some.
 */
export async function runListenSession(deps: ListenDeps, options: ListenOptions): Promise<void> {
  const sessionId = randomBytes(6).toString('hex');
  const { onEvent } = deps;
  const live = deps.live ?? new Set<number>();
  const dead = await deadSessionJournals(deps.stateDir);
  if (dead.length > 0) onEvent({ type: 'dead-journals', count: dead.length });

  let stopSignal: string | undefined;
  let subscribing = false;
  void deps.stopRequested.then((signal) => {
    stopSignal = signal;
    if (!subscribing) return;
    // A create waiting out a rate limit gives up now; the creates answered are deleted.
    deps.api.interruptWaits?.(signal);
    onEvent({ type: 'stopping', signal });
  });

  let reachedMax: () => void = () => {};
  const maxReached = new Promise<string>((resolve) => {
    reachedMax = () => resolve(MAX_DELIVERIES);
  });
  const recorder = options.record
    ? new Recorder(options.record, sessionId, (message) => onEvent({ type: 'warning', message }))
    : undefined;
  const flow = new DeliveryFlow({
    token: options.token,
    tokenOrigin: options.tokenOrigin ?? 'the state directory',
    view: deps.view,
    stdout: deps.stdout,
    onEvent,
    recorder,
    maxDeliveries: options.maxDeliveries,
    onMaxReached: reachedMax,
  });
  const transport = await startTransport(
    { ...options, sessionId, stateDir: deps.stateDir },
    flow,
    recorder,
    onEvent,
  );
  const receiverUrl = `${transport.receiver.localUrl}${sessionPath(sessionId)}`;

  let tunnel: Tunnel | undefined;
  let subscribed: Awaited<ReturnType<typeof subscribeSession>>;
  let callbackUrl: string;
  try {
    tunnel = await deps.openTunnel(transport.receiver.port, transport.receiver.localUrl);
    callbackUrl = `${tunnel.url}${sessionPath(sessionId)}`;
    watchTunnel(tunnel, onEvent);
    subscribing = true;
    subscribed = await subscribeSession({
      api: deps.api,
      apiUrl: deps.apiUrl,
      stateDir: deps.stateDir,
      onEvent,
      sessionId,
      callbackUrl,
      receiverUrl,
      owner: deps.owner,
      token: options.token,
      events: options.events,
      live,
      stopped: () => stopSignal !== undefined,
      createJournal: deps.createJournal,
      ...(tunnel.pid === undefined ? {} : { tunnelPid: tunnel.pid }),
    });
  } catch (error) {
    await transport.close();
    await tunnel?.close();
    throw error;
  } finally {
    subscribing = false;
  }
  const { created, journal } = subscribed;

  if (stopSignal === undefined) {
    onEvent({ type: 'ready', callbackUrl, subscriptions: created.length, token: options.token });
    deps.onReady?.({ callbackUrl, subscriptions: created });
  }
  const reason = await Promise.race([deps.stopRequested, maxReached]);
  // The last delivery's line comes before "cleaning up".
  flow.flush();
  onEvent({ type: 'cleaning-up', reason, received: flow.answeredCount });

  const left = options.keep
    ? []
    : await deleteCreated(deps.api, created, live, options.cleanupTimeoutMs ?? 20_000);
  subscribed.stopHeartbeat();
  await transport.close();
  await tunnel.close();
  onEvent({ type: 'summary', stats: flow.stats.totals() });
  if (flow.pastMax > 0) onEvent({ type: 'past-max', count: flow.pastMax });
  if (recorder && recorder.missed > 0)
    onEvent({ type: 'unrecorded', count: recorder.missed, file: recorder.file });
  if (left.length > 0) {
    throw new PartialFailureError(
      `Could not delete ${left.length} of this session's subscriptions (${left.join('; ')}); run \`salesloft-hooks prune\` to retry.`,
    );
  }
  await journal.remove();
  onEvent({ type: 'done', kept: options.keep, subscriptions: created.length });
}

/** Deletes the session's subscriptions within `timeoutMs`; what could not be deleted, and why. */
async function deleteCreated(
  api: SubscriptionApi,
  created: readonly Subscription[],
  live: Set<number>,
  timeoutMs: number,
): Promise<string[]> {
  const outcome = await withDeadline(
    runForIds(
      created.map((sub) => sub.id),
      async (id) => {
        await api.delete(id);
        live.delete(id);
      },
    ),
    timeoutMs,
  );
  return outcome
    ? outcome.failed.map((failure) => `#${failure.id}: ${failure.error.message}`)
    : created.map((sub) => `#${sub.id}: no answer within ${timeoutMs / 1000} s`);
}

/** The tunnel's drops and returns as session events, with how long it was gone. */
function watchTunnel(tunnel: Tunnel, onEvent: (event: SessionEvent) => void): void {
  let lostAt: number | undefined;
  tunnel.onStatus?.((status) => {
    if (status.state === 'lost') {
      lostAt ??= Date.now();
      onEvent({
        type: 'tunnel-lost',
        at: new Date().toISOString(),
        reason: status.reason,
        final: status.final,
      });
      return;
    }
    // A "connected" with nothing lost before (ngrok says so when it starts) is no news.
    if (lostAt === undefined) return;
    const afterMs = Date.now() - lostAt;
    lostAt = undefined;
    onEvent({ type: 'tunnel-back', afterMs, sameUrl: status.url === tunnel.url, url: status.url });
  });
}
