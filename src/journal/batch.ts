import { randomBytes } from 'node:crypto';
import type { Subscription } from '../../packages/webhooks/src/salesloft/types.js';
import { PartialFailureError, UsageError } from '../shared/errors.js';
import type { SubscriptionApi } from '../subscriptions/api.js';
import {
  type BatchHooks,
  type PlanItem,
  type SubscribeRequest,
  type SubscribeResult,
  subscribe,
} from '../subscriptions/subscribe.js';
import { type JournalOwner, SessionJournal, tokenDigest } from './journal.js';

type JournalStart = Parameters<typeof SessionJournal.create>[1];

/**
 * Runs `work` under a journal in the state directory: created before it starts, its heartbeat kept
 * while it runs, removed when it ends, unless `keep` says the journal is still needed (a rollback
 * that left something behind). A `kill -9` leaves it for `prune` and the next `listen` to find.
 */
export async function withJournal<T>(
  stateDir: string,
  data: JournalStart,
  work: (journal: SessionJournal | undefined) => Promise<T>,
  keep: (error: unknown) => boolean = () => false,
  options: { optional?: boolean } = {},
): Promise<T> {
  let journal: SessionJournal;
  try {
    journal = await SessionJournal.create(stateDir, data);
  } catch (error) {
    // Optional (sync, whose creates its file declares): a state directory it cannot write (a
    // read-only home in CI) costs only the report of a run killed half-way.
    if (options.optional && !(error instanceof UsageError && error.code === 'state_dir_untrusted'))
      return work(undefined);
    throw error;
  }
  const stopHeartbeat = journal.keepAlive();
  try {
    const result = await work(journal);
    await journal.remove();
    return result;
  } catch (error) {
    if (!keep(error)) await journal.remove();
    throw error;
  } finally {
    stopHeartbeat();
  }
}

/**
 * `subscribe`'s batch with a journal in the state directory for as long as it runs, as a listen
 * session keeps one: a `kill -9` in the middle leaves what `prune` needs to find the creates (the
 * event types it set out to create, at its URL, with its token). The journal goes when the batch
 * has succeeded or has been rolled back; it stays when a rollback left something behind.
 */
export async function journaledSubscribeBatch(
  api: SubscriptionApi,
  request: SubscribeRequest,
  plan: readonly PlanItem[],
  current: readonly Subscription[],
  options: { stateDir: string; apiUrl: string; owner?: JournalOwner; hooks: BatchHooks },
): Promise<SubscribeResult> {
  const toCreate = plan.filter((item) => item.action === 'create').map((item) => item.event_type);
  if (toCreate.length === 0) return subscribe(api, request, plan, current, options.hooks);
  return withJournal(
    options.stateDir,
    {
      kind: 'subscribe',
      session_id: `subscribe-${randomBytes(6).toString('hex')}`,
      started_at: new Date().toISOString(),
      api_url: options.apiUrl,
      callback_url: request.url,
      event_types: toCreate,
      token_sha256: tokenDigest(request.token),
      ...(options.owner ? { owner: options.owner } : {}),
    },
    (journal) =>
      subscribe(api, request, plan, current, {
        ...options.hooks,
        onCreated: (subscription) => {
          // A failed journal write costs only the id: prune finds the create by URL, type and token.
          journal?.add(subscription.id).catch(() => {});
          options.hooks.onCreated?.(subscription);
        },
      }),
    (error) => error instanceof PartialFailureError,
  );
}
