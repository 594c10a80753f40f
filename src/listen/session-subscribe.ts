import type { Subscription } from '../../packages/webhooks/src/salesloft/types.js';
import { count } from '../../packages/webhooks/src/shared/text.js';
import { type JournalOwner, SessionJournal, tokenDigest } from '../journal/journal.js';
import { CliError, describeError, ExitCode, PartialFailureError } from '../shared/errors.js';
import type { SubscriptionApi } from '../subscriptions/api.js';
import { runForIds } from '../subscriptions/batch.js';
import { subscribeAllowed } from '../subscriptions/subscribe.js';
import type { SessionEvent } from './session-events.js';

export interface JournaledSubscribe {
  api: SubscriptionApi;
  apiUrl: string;
  stateDir: string;
  sessionId: string;
  callbackUrl: string;
  receiverUrl: string;
  /** The team and credential it acts with, recorded for `prune`. */
  owner?: JournalOwner | undefined;
  token: string;
  events: readonly string[];
  /** Ids of the session's subscriptions that exist now, kept up to date. */
  live: Set<number>;
  /** True once the user asked to stop: no more creates are started. */
  stopped: () => boolean;
  onEvent: (event: SessionEvent) => void;
  createJournal?: typeof SessionJournal.create | undefined;
  /** The tunnel's own process (cloudflared), for `prune` to stop after a crash. */
  tunnelPid?: number;
}

/**
 * Creates the session's subscriptions with a journal that names each one as it is created, so a
 * crash leaves nothing `prune` cannot find. A journal that cannot be written rolls the batch back.
 * On failure the journal is removed, unless the rollback itself failed (then `prune` needs it).
 */
export async function subscribeSession(
  input: JournaledSubscribe,
): Promise<{ created: Subscription[]; journal: SessionJournal; stopHeartbeat: () => void }> {
  const journal = await (input.createJournal ?? SessionJournal.create)(input.stateDir, {
    session_id: input.sessionId,
    started_at: new Date().toISOString(),
    api_url: input.apiUrl,
    callback_url: input.callbackUrl,
    receiver_url: input.receiverUrl,
    token_sha256: tokenDigest(input.token),
    event_types: [...input.events],
    ...(input.owner ? { owner: input.owner } : {}),
    ...(input.tunnelPid === undefined ? {} : { tunnel_pid: input.tunnelPid }),
  });
  const stopHeartbeat = journal.keepAlive();
  try {
    input.onEvent({ type: 'subscribing', callbackUrl: input.callbackUrl, eventTypes: input.events.length });
    let journalError: unknown;
    const result = await subscribeAllowed(
      input.api,
      { url: input.callbackUrl, events: input.events, token: input.token },
      {
        onCreated: (sub) => {
          input.live.add(sub.id);
          journal.add(sub.id).catch((error: unknown) => {
            journalError ??= error;
          });
        },
        stopped: () => input.stopped() || journalError !== undefined,
      },
    );
    await journal.flushed();
    if (journalError !== undefined) await rollBackUnjournaled(input.api, result.created, journalError);
    for (const refusal of result.refused) {
      input.onEvent({ type: 'skipped', eventType: refusal.event_type, reason: refusal.reason });
    }
    if (result.created.length === 0 && result.refused.length > 0) {
      const allForbidden = result.refused.every((refusal) => refusal.status === 403);
      throw new CliError(
        `Salesloft refused every event type (${count(result.refused.length, 'refusal')}); nothing to listen to. ${allForbidden ? 'Check the API key’s scopes.' : ''}`.trim(),
        allForbidden ? 'auth' : 'api',
        allForbidden ? ExitCode.auth : ExitCode.failed,
      );
    }
    return { created: result.created, journal, stopHeartbeat };
  } catch (error) {
    stopHeartbeat();
    // A failed subscribe has rolled back what it made; a journal is kept only if that rollback failed.
    if (!(error instanceof PartialFailureError)) await journal.remove();
    throw error;
  }
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
