import { randomBytes } from 'node:crypto';
import type { Subscription } from '../../packages/webhooks/src/salesloft/types.js';
import { PartialFailureError } from '../shared/errors.js';
import type { SubscriptionApi } from '../subscriptions/api.js';
import {
  type BatchHooks,
  type PlanItem,
  type SubscribeRequest,
  type SubscribeResult,
  subscribe,
} from '../subscriptions/subscribe.js';
import { type JournalOwner, SessionJournal, tokenDigest } from './journal.js';

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
  const journal = await SessionJournal.create(options.stateDir, {
    kind: 'subscribe',
    session_id: `subscribe-${randomBytes(6).toString('hex')}`,
    started_at: new Date().toISOString(),
    api_url: options.apiUrl,
    callback_url: request.url,
    event_types: toCreate,
    token_sha256: tokenDigest(request.token),
    ...(options.owner ? { owner: options.owner } : {}),
  });
  const stopHeartbeat = journal.keepAlive();
  try {
    const result = await subscribe(api, request, plan, current, {
      ...options.hooks,
      onCreated: (subscription) => {
        // A failed journal write costs only the id: prune finds the create by URL, type and token.
        journal.add(subscription.id).catch(() => {});
        options.hooks.onCreated?.(subscription);
      },
    });
    await journal.remove();
    return result;
  } catch (error) {
    if (!(error instanceof PartialFailureError)) await journal.remove();
    throw error;
  } finally {
    stopHeartbeat();
  }
}
