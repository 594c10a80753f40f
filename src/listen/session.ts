import { randomBytes } from 'node:crypto';
import type { ChalkInstance } from 'chalk';
import { diagnose } from '../catalog/signature.js';
import { withDeadline } from '../net/time.js';
import type { Subscription } from '../salesloft/types.js';
import { CliError, describeError, ExitCode, PartialFailureError, UsageError } from '../shared/errors.js';
import { count, maskToken, safeText } from '../shared/text.js';
import type { SubscriptionApi } from '../subscriptions/api.js';
import { runForIds } from '../subscriptions/batch.js';
import { subscribeAllowed } from '../subscriptions/subscribe.js';
import { type Delivery, type ForwardResult, firstHeader, REPLAY_HEADER } from './delivery.js';
import { createForwarder } from './forwarder.js';
import { deadSessionJournals, SessionJournal, tokenDigest } from './journal.js';
import { LineWriter } from './line-writer.js';
import { Receiver, type Rejection } from './receiver.js';
import { Recorder } from './recorder.js';
import { RetryTracker } from './retries.js';
import { SessionStats } from './stats.js';
import type { Tunnel } from './tunnel/tunnel.js';

/** Invalid bodies up to this size get a diagnosis on their line. */
const DIAGNOSED_BYTES = 64 * 1024;

export interface ListenOptions {
  events: readonly string[];
  port: number;
  /** The callback token of the session's subscriptions (stable: see subscriptions/tokens.ts). */
  token: string;
  /** Where the token came from, in words (see tokenOrigin), for the hint after a refused delivery. */
  tokenOrigin?: string;
  forwardTo?: string | undefined;
  forwardTimeoutMs: number;
  /** Extra headers for the app (--forward-header), and TLS without verification (--forward-insecure). */
  forwardHeaders?: Record<string, string>;
  forwardInsecure?: boolean;
  record?: string | undefined;
  maxDeliveries?: number | undefined;
  keep: boolean;
  /** Serve the inspector page (`port` undefined: 4041 or the next free port; `budgetMb`: its memory). */
  inspect?: { port?: number | undefined; budgetMb?: number | undefined } | undefined;
  /** Print the receiver's local address before subscribing (no tunnel: the user may bring one). */
  showReceiver?: boolean;
  /** Longest time cleanup may take before the session gives up and leaves its journal for `prune`. */
  cleanupTimeoutMs?: number;
}

/** How deliveries are shown: the lines (or JSON lines) to print, made by the command's renderer. */
export interface DeliveryView {
  /** When a delivery is verified, before it is forwarded. */
  received(delivery: Delivery, retryOf: number | undefined): string | undefined;
  /** When it has been answered (after the forward's answer, if forwarding). */
  answered(delivery: Delivery): string | undefined;
  /** In place of a line that could not be rendered: what is known without reading the body. */
  unrendered(delivery: Delivery, error: unknown): string;
}

export interface ListenDeps {
  api: SubscriptionApi;
  apiUrl: string;
  stateDir: string;
  openTunnel: (localPort: number, localUrl: string) => Promise<Tunnel>;
  /** Resolves when the user asks to stop (a signal). */
  stopRequested: Promise<string>;
  /** Ids of this session's subscriptions that exist now (created, not yet deleted), kept up to date. */
  live?: Set<number>;
  /** Where delivery lines go (several lines at once, each ending in a newline). */
  stdout: (text: string) => void;
  view: DeliveryView;
  stderr: (line: string) => void;
  errColor: ChalkInstance;
  /** Makes the session journal (a seam for tests of journal failures). */
  createJournal?: typeof SessionJournal.create;
  /** Called once deliveries can arrive (the emulator starts firing here). */
  onReady?: (session: { callbackUrl: string; subscriptions: Subscription[] }) => void;
}

export interface ListenResult {
  session_id: string;
  callback_url: string;
  deliveries: number;
  deleted: number;
  kept: number;
}

/** The main job: receive, verify, show and forward deliveries for a session's own subscriptions. */
export async function runListenSession(deps: ListenDeps, options: ListenOptions): Promise<ListenResult> {
  const sessionId = randomBytes(6).toString('hex');
  const { token } = options;
  const { stderr, errColor } = deps;
  const live = deps.live ?? new Set<number>();

  const dead = await deadSessionJournals(deps.stateDir);
  if (dead.length > 0) {
    stderr(
      `${errColor.yellow('Note:')} ${count(dead.length, 'earlier listen session')} ended without cleaning up; run \`salesloft-hooks prune\` to delete what ${dead.length === 1 ? 'it' : 'they'} left.`,
    );
  }

  let stopSignal: string | undefined;
  let subscribing = false;
  void deps.stopRequested.then((signal) => {
    stopSignal = signal;
    if (subscribing) {
      // A create waiting out a rate limit gives up now; the creates answered are deleted.
      deps.api.interruptWaits?.(signal);
      stderr(
        `${signal}: stopping. Waiting for the subscription requests in flight to answer so they can be deleted; press Ctrl-C again to exit now and leave them to \`salesloft-hooks prune\`.`,
      );
    }
  });

  const recorder = options.record
    ? new Recorder(options.record, sessionId, (message) =>
        stderr(`${errColor.yellow('Warning:')} ${safeText(message)}`),
      )
    : undefined;
  const forwarder = options.forwardTo
    ? createForwarder(options.forwardTo, options.forwardTimeoutMs, {
        ...(options.forwardHeaders ? { headers: options.forwardHeaders } : {}),
        insecure: options.forwardInsecure === true,
      })
    : undefined;
  const retries = new RetryTracker();
  const output = new LineWriter(deps.stdout);
  const stats = new SessionStats();
  let hintedRefusal = false;
  let received = 0;
  let reachedMax: () => void = () => {};
  const maxReached = new Promise<string>((resolve) => {
    reachedMax = () => resolve('max-deliveries');
  });

  /** A delivery's lines; one that cannot be rendered still gets a plain line, never none. */
  const show = (render: () => string | undefined, delivery: Delivery) => {
    let line: string | undefined;
    try {
      line = render();
    } catch (error) {
      line = deps.view.unrendered(delivery, error);
    }
    if (line !== undefined) output.push(line);
  };
  const retryOfById = new Map<number, number>();
  let inspect: ((delivery: Delivery, retryOf: number | undefined) => void) | undefined;
  const onReceived = (delivery: Delivery) => {
    // An invalid signature's likely cause on its line, as the inspector shows it (small bodies
    // only: a flood of large forgeries is not worth diagnosing).
    if (!delivery.signature.valid && delivery.body.length <= DIAGNOSED_BYTES) {
      const hint = diagnose(
        delivery.body,
        token,
        firstHeader(delivery.headers['x-salesloft-signature']),
      ).hint;
      if (hint) delivery.signature.hint = hint;
    }
    // A replay from the inspector repeats a delivery on purpose: it is marked as such, not as a retry.
    const isReplay = delivery.headers[REPLAY_HEADER] !== undefined;
    const retryOf = isReplay
      ? undefined
      : retries.check(
          delivery.id,
          delivery.event_type,
          delivery.body,
          firstHeader(delivery.headers['x-salesloft-signature']),
          delivery.signature.valid,
        );
    if (retryOf !== undefined) retryOfById.set(delivery.id, retryOf);
    inspect?.(delivery, retryOf);
    show(() => deps.view.received(delivery, retryOf), delivery);
  };
  const onDelivery = (delivery: Delivery) => {
    received += 1;
    stats.add(delivery);
    const retryOf = retryOfById.get(delivery.id);
    inspect?.(delivery, retryOf);
    retryOfById.delete(delivery.id);
    recorder?.append(delivery, retryOf);
    show(() => deps.view.answered(delivery), delivery);
    const refusedStatus = delivery.forward?.status;
    if (!hintedRefusal && delivery.signature.valid && (refusedStatus === 401 || refusedStatus === 403)) {
      hintedRefusal = true;
      stderr(
        `${errColor.yellow('Hint:')} your handler answered ${refusedStatus} to a delivery whose signature is valid. This session signs with ${maskToken(token)}, from ${options.tokenOrigin ?? 'the state directory'}: configure your handler with that token and compute the HMAC over the raw body, before any JSON parsing.`,
      );
    }
    if (options.maxDeliveries !== undefined && received >= options.maxDeliveries) reachedMax();
  };
  // Deliveries past --max-deliveries are counted, and said once at the end, not a line each.
  let pastMax = 0;
  const onRejection = (rejection: Rejection) => {
    if (rejection.status === 503) {
      pastMax += 1;
      return;
    }
    stderr(
      errColor.dim(
        `rejected ${safeText(rejection.method, 20)} ${safeText(rejection.path, 200)}: ${rejection.status} ${rejection.reason}`,
      ),
    );
  };

  const receiver = await new Receiver({
    sessionPath: `/salesloft-hooks/${sessionId}`,
    token,
    port: options.port,
    onReceived,
    onDelivery,
    onRejection,
    limit: options.maxDeliveries,
    ...(forwarder
      ? { forward: (delivery: Delivery): Promise<ForwardResult> => forwarder.forward(delivery) }
      : {}),
  })
    .start()
    .catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') throw error;
      throw new UsageError(
        `Port ${options.port} on 127.0.0.1 is in use: pass another --port (0 picks a free port).`,
        'port_in_use',
      );
    });
  const inspector = options.inspect
    ? await (await import('./inspector/open.js'))
        .openInspector({
          port: options.inspect.port,
          stateDir: deps.stateDir,
          budgetBytes:
            options.inspect.budgetMb === undefined ? undefined : options.inspect.budgetMb * 1024 * 1024,
          token,
          target: options.forwardTo
            ? { url: options.forwardTo, isReceiver: false }
            : { url: `${receiver.localUrl}/salesloft-hooks/${sessionId}`, isReceiver: true },
        })
        .catch(async (error: unknown) => {
          await receiver.close();
          throw error;
        })
    : undefined;
  if (inspector) {
    inspect = inspector.show;
    stderr(`Inspector: ${inspector.url}`);
  }
  if (options.showReceiver) stderr(`Receiver: ${receiver.localUrl}`);

  let tunnel: Tunnel | undefined;
  let journal: SessionJournal | undefined;
  let stopHeartbeat = () => {};
  const shutdownTransport = async () => {
    stopHeartbeat();
    await inspector?.close();
    // A delivery still being forwarded is waited for (up to the forward's own timeout) and recorded.
    await receiver.close(forwarder ? Math.max(3_000, options.forwardTimeoutMs + 1_000) : undefined);
    output.flush();
    await tunnel?.close();
    await forwarder?.close();
    await recorder?.close();
  };

  let created: Subscription[];
  let callbackUrl: string;
  try {
    tunnel = await deps.openTunnel(receiver.port, receiver.localUrl);
    callbackUrl = `${tunnel.url}/salesloft-hooks/${sessionId}`;
    journal = await (deps.createJournal ?? SessionJournal.create)(deps.stateDir, {
      session_id: sessionId,
      started_at: new Date().toISOString(),
      api_url: deps.apiUrl,
      callback_url: callbackUrl,
      receiver_url: `${receiver.localUrl}/salesloft-hooks/${sessionId}`,
      token_sha256: tokenDigest(token),
    });
    const activeJournal = journal;
    stopHeartbeat = activeJournal.keepAlive();
    stderr(`Subscribing ${callbackUrl} to ${count(options.events.length, 'event type')}...`);
    subscribing = true;
    let journalError: unknown;
    const result = await subscribeAllowed(
      deps.api,
      { url: callbackUrl, events: options.events, token },
      {
        onCreated: (sub) => {
          live.add(sub.id);
          activeJournal.add(sub.id).catch((error: unknown) => {
            journalError ??= error;
          });
        },
        stopped: () => stopSignal !== undefined || journalError !== undefined,
      },
    );
    subscribing = false;
    created = result.created;
    await activeJournal.flushed();
    if (journalError !== undefined) await rollBackUnjournaled(deps.api, created, journalError);
    for (const refusal of result.refused) {
      stderr(`${errColor.yellow('Warning:')} skipped ${refusal.event_type}: ${safeText(refusal.reason)}`);
    }
    if (created.length === 0 && result.refused.length > 0) {
      const allForbidden = result.refused.every((refusal) => refusal.status === 403);
      throw new CliError(
        `Salesloft refused every event type (${count(result.refused.length, 'refusal')}); nothing to listen to. ${allForbidden ? 'Check the API key’s scopes.' : ''}`.trim(),
        allForbidden ? 'auth' : 'api',
        allForbidden ? ExitCode.auth : ExitCode.failed,
      );
    }
  } catch (error) {
    // A failed subscribe has rolled back what it made; a journal is kept only if that rollback failed.
    if (!(error instanceof PartialFailureError)) await journal?.remove();
    await shutdownTransport();
    throw error;
  }

  if (stopSignal === undefined) {
    stderr(`Ready: ${callbackUrl} (${count(created.length, 'subscription')})`);
    stderr(`Callback token: ${token}`);
    deps.onReady?.({ callbackUrl, subscriptions: created });
  }

  const reason = await Promise.race([deps.stopRequested, maxReached]);
  // The last delivery's line comes before "cleaning up".
  output.flush();
  stderr(
    reason === 'max-deliveries'
      ? `Received ${count(received, 'delivery', 'deliveries')}; cleaning up.`
      : `${reason}: cleaning up.`,
  );

  let left: string[] = [];
  if (!options.keep) {
    const cleanupTimeoutMs = options.cleanupTimeoutMs ?? 20_000;
    const outcome = await withDeadline(
      runForIds(
        created.map((sub) => sub.id),
        async (id) => {
          await deps.api.delete(id);
          live.delete(id);
        },
      ),
      cleanupTimeoutMs,
    );
    left = outcome
      ? outcome.failed.map((failure) => `#${failure.id}: ${failure.error.message}`)
      : created.map((sub) => `#${sub.id}: no answer within ${cleanupTimeoutMs / 1000} s`);
  }
  await shutdownTransport();
  stderr(`Summary: ${stats.summary()}.`);
  if (pastMax > 0) {
    stderr(
      `Answered ${count(pastMax, 'delivery', 'deliveries')} after --max-deliveries with 503 (Salesloft retries ${pastMax === 1 ? 'it' : 'them'}).`,
    );
  }
  if (recorder && recorder.missed > 0) {
    stderr(
      `${errColor.yellow('Warning:')} ${count(recorder.missed, 'delivery', 'deliveries')} could not be written to ${safeText(recorder.file)}.`,
    );
  }
  if (left.length > 0) {
    throw new PartialFailureError(
      `Could not delete ${left.length} of this session's subscriptions (${left.join('; ')}); run \`salesloft-hooks prune\` to retry.`,
    );
  }
  await journal.remove();
  const deleted = options.keep ? 0 : created.length;
  stderr(
    options.keep
      ? `Kept ${count(created.length, 'subscription')} (--keep).`
      : `Deleted ${count(deleted, 'subscription')}. Bye.`,
  );
  return {
    session_id: sessionId,
    callback_url: callbackUrl,
    deliveries: received,
    deleted,
    kept: options.keep ? created.length : 0,
  };
}

/**
 * The journal could not be written, so a crash now would leave subscriptions that `prune` cannot
 * tie to this session: delete them at once, and say exactly what is left if that fails too.
 */
async function rollBackUnjournaled(
  api: SubscriptionApi,
  created: Subscription[],
  cause: unknown,
): Promise<never> {
  const reason = (cause as NodeJS.ErrnoException).code ?? describeError(cause).message;
  const outcome = await runForIds(
    created.map((sub) => sub.id),
    (id) => api.delete(id),
  );
  const left = outcome.failed.map((failure) => `#${failure.id} (${failure.error.message})`);
  if (left.length > 0) {
    throw new PartialFailureError(
      `Could not write the session journal (${reason}); deleting what this session created failed for ${left.join(', ')}: delete ${left.length === 1 ? 'it' : 'them'} with \`salesloft-hooks unsubscribe\`.`,
    );
  }
  throw new CliError(
    `Could not write the session journal (${reason}), so the session cannot run safely; deleted the ${count(created.length, 'subscription')} it had created.`,
    'journal_failed',
    ExitCode.failed,
  );
}
