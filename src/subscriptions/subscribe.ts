import { findEventType } from '../../packages/webhooks/src/catalog/event-types.js';
import type { Subscription } from '../../packages/webhooks/src/salesloft/types.js';
import { count } from '../../packages/webhooks/src/shared/text.js';
import {
  ApiError,
  CliError,
  describeError,
  ExitCode,
  PartialFailureError,
  signalExitCode,
} from '../shared/errors.js';
import type { SubscriptionApi } from './api.js';
import { mapBounded } from './batch.js';

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

export interface BatchHooks {
  /** After each create (and its PUT when disabled): `done` of `total`. */
  onProgress?: (done: number, total: number, subscription: Subscription) => void;
  /** As soon as a create has answered, before anything else: the place to journal its id. */
  onCreated?: (subscription: Subscription) => void;
  /** The signal that stopped the batch, once one has: no further create is started. */
  stopped?: () => string | undefined;
}

/**
 * Creates one subscription per planned event, all or nothing: when a create fails, or the batch
 * is stopped (Ctrl-C, a cancelled CI job), it starts no further create, waits for those in flight
 * and deletes what this run created.
 */
export async function subscribe(
  api: SubscriptionApi,
  request: SubscribeRequest,
  plan: readonly PlanItem[],
  current: readonly Subscription[],
  hooks: BatchHooks = {},
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
    if (failure || hooks.stopped?.()) return;
    try {
      let subscription = await api.create({
        callback_url: item.callback_url,
        callback_token: request.token,
        event_type: item.event_type,
      });
      created.push(subscription);
      hooks.onCreated?.(subscription);
      if (request.disabled) {
        subscription = await api.setEnabled(subscription.id, false);
        created[created.length - 1] = subscription;
      }
      hooks.onProgress?.(created.length, toCreate.length, subscription);
    } catch (error) {
      failure ??= { event_type: item.event_type, error };
    }
  });

  // A stop wins over the failure it may have caused (a rate-limit wait ended by Ctrl-C).
  const signal = hooks.stopped?.();
  if (signal !== undefined && (failure || created.length < toCreate.length)) {
    return rollBackStopped(api, created, signal);
  }
  if (failure) return rollBack(api, created, failure);
  return { created: created.sort((a, b) => a.id - b.id), existing };
}

/** A stopped batch: deletes what it created, then throws with the signal's exit code. */
async function rollBackStopped(
  api: SubscriptionApi,
  created: readonly Subscription[],
  signal: string,
): Promise<never> {
  const left = await deleteAll(api, created);
  if (left.length > 0) {
    const ids = left.map((sub) => sub.id).join(' ');
    throw new PartialFailureError(
      `${signal}: stopped; rolling back failed, ${left.length} created by this run remain: ${ids} (\`salesloft-hooks prune\` deletes them).`,
    );
  }
  throw new CliError(
    `${signal}: stopped; deleted the ${count(created.length, 'subscription')} this run had created, so nothing changed.`,
    'cancelled',
    signalExitCode(signal),
  );
}

/** Deletes what a batch created; returns what is left, by id (creates finish in any order). */
async function deleteAll(api: SubscriptionApi, created: readonly Subscription[]): Promise<Subscription[]> {
  const rollback = await mapBounded(created, (sub) => api.delete(sub.id));
  return created.filter((_, index) => !rollback[index]?.ok).sort((a, b) => a.id - b.id);
}

export interface Refusal {
  event_type: string;
  status: number;
  /** Salesloft's words, with the scope the event type needs for a 403. */
  reason: string;
}

export interface AllowedResult {
  created: Subscription[];
  /** Event types Salesloft refused (403: a scope is missing; 422: not available to the team). */
  refused: Refusal[];
}

/**
 * For `listen`, a development session rather than a batch: creates a subscription for each event
 * type Salesloft allows. A 403 or 422 skips that type; any other failure rolls back what this run
 * created and throws. Once `stopped()` is true no further create is started.
 */
export async function subscribeAllowed(
  api: SubscriptionApi,
  request: { url: string; events: readonly string[]; token: string },
  hooks: { onCreated?: (subscription: Subscription) => void; stopped?: () => boolean } = {},
): Promise<AllowedResult> {
  const created: Subscription[] = [];
  const refused: Refusal[] = [];
  let failure: { event_type: string; error: unknown } | undefined;
  await mapBounded(request.events, async (event_type) => {
    if (failure || hooks.stopped?.()) return;
    try {
      const subscription = await api.create({
        callback_url: request.url,
        callback_token: request.token,
        event_type,
      });
      created.push(subscription);
      hooks.onCreated?.(subscription);
    } catch (error) {
      // Stopped while it waited (a rate limit): the session ends, nothing to report for that type.
      if (hooks.stopped?.() && error instanceof CliError && error.code === 'cancelled') return;
      if (error instanceof ApiError && (error.status === 403 || error.status === 422)) {
        refused.push({ event_type, status: error.status, reason: refusalReason(event_type, error) });
      } else {
        failure ??= { event_type, error };
      }
    }
  });
  if (failure) return rollBack(api, created, failure);
  const order = (name: string) => request.events.indexOf(name);
  refused.sort((a, b) => order(a.event_type) - order(b.event_type));
  return { created: created.sort((a, b) => a.id - b.id), refused };
}

/** The words for a refused create: a 403 names the scope the event type needs. */
export function refusalReason(eventType: string, error: unknown): string {
  const message = describeError(error).message;
  if (!(error instanceof ApiError) || error.status !== 403) return message;
  const scopes = findEventType(eventType)?.scopes ?? [];
  return scopes.length > 0 ? `${message} (${eventType} needs the ${scopes.join(', ')} scope)` : message;
}

/** Deletes what a failed batch created, then throws what happened, with the failure's exit code. */
async function rollBack(
  api: SubscriptionApi,
  created: readonly Subscription[],
  failure: { event_type: string; error: unknown },
): Promise<never> {
  const reason = refusalReason(failure.event_type, failure.error);
  const { code, exitCode } = describeError(failure.error);
  if (created.length === 0) {
    throw reason === describeError(failure.error).message
      ? failure.error
      : new CliError(reason, code, exitCode);
  }
  const cause = `subscribing ${failure.event_type} failed: ${reason}`;
  const left = await deleteAll(api, created);
  if (left.length > 0) {
    const ids = left.map((sub) => sub.id).join(' ');
    throw new PartialFailureError(
      `${capitalize(cause)}; rolling back also failed, ${left.length} created by this run remain: ${ids} (remove them with \`salesloft-hooks unsubscribe ${ids} --yes\`).`,
    );
  }
  throw new CliError(
    `${capitalize(cause)}; deleted the ${count(created.length, 'subscription')} this run had created, so nothing changed.`,
    exitCode === ExitCode.auth ? code : 'batch_failed',
    exitCode === ExitCode.auth ? ExitCode.auth : ExitCode.failed,
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
