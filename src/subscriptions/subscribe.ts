import { randomBytes } from 'node:crypto';
import { CliError, describeError, ExitCode, PartialFailureError } from '../errors.js';
import { mapBounded } from '../salesloft/concurrency.js';
import type { Subscription } from '../salesloft/types.js';
import { count } from '../ui/plural.js';
import type { SubscriptionApi } from './api.js';

export interface PlanItem {
  event_type: string;
  callback_url: string;
  action: 'create' | 'exists';
}

export interface SubscribeRequest {
  url: string;
  events: readonly string[];
  token: string;
  /** Create disabled (Salesloft creates enabled; a PUT follows each create). */
  disabled: boolean;
}

export interface SubscribeResult {
  created: Subscription[];
  existing: Subscription[];
}

/** A fresh callback token: 32 random bytes, hex. */
export function generateToken(): string {
  return randomBytes(32).toString('hex');
}

/** What subscribing `url` to `events` would do, given the team's current subscriptions. */
export function planSubscribe(
  current: readonly Subscription[],
  url: string,
  events: readonly string[],
): PlanItem[] {
  return events.map((event_type) => ({
    event_type,
    callback_url: url,
    action: current.some((sub) => sub.callback_url === url && sub.event_type === event_type)
      ? 'exists'
      : 'create',
  }));
}

/**
 * Creates one subscription per planned event, all or nothing: when a create fails, the ones
 * this run created are deleted again.
 */
export async function subscribe(
  api: SubscriptionApi,
  request: SubscribeRequest,
  plan: readonly PlanItem[],
  current: readonly Subscription[],
  onProgress: (done: number, total: number, subscription: Subscription) => void = () => {},
): Promise<SubscribeResult> {
  const existing = current.filter((sub) =>
    plan.some(
      (item) =>
        item.action === 'exists' &&
        item.event_type === sub.event_type &&
        item.callback_url === sub.callback_url,
    ),
  );
  const toCreate = plan.filter((item) => item.action === 'create');
  const created: Subscription[] = [];
  let failure: { event_type: string; error: unknown } | undefined;

  await mapBounded(toCreate, async (item) => {
    if (failure) return;
    try {
      let subscription = await api.create({
        callback_url: item.callback_url,
        callback_token: request.token,
        event_type: item.event_type,
      });
      created.push(subscription);
      if (request.disabled) {
        subscription = await api.setEnabled(subscription.id, false);
        created[created.length - 1] = subscription;
      }
      onProgress(created.length, toCreate.length, subscription);
    } catch (error) {
      failure ??= { event_type: item.event_type, error };
    }
  });

  if (!failure) return { created: created.sort((a, b) => a.id - b.id), existing };
  if (created.length === 0) throw failure.error;

  const cause = `subscribing ${failure.event_type} failed: ${describeError(failure.error).message}`;
  const rollback = await mapBounded(created, (sub) => api.delete(sub.id));
  const left = created.filter((_, index) => !rollback[index]?.ok);
  if (left.length > 0) {
    const ids = left.map((sub) => sub.id).join(' ');
    throw new PartialFailureError(
      `${capitalize(cause)}; rolling back also failed, ${left.length} created by this run remain: ${ids} (remove them with \`salesloft-hooks unsubscribe ${ids} --yes\`).`,
    );
  }
  throw new CliError(
    `${capitalize(cause)}; deleted the ${count(created.length, 'subscription')} this run had created, so nothing changed.`,
    'batch_failed',
    ExitCode.failed,
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
