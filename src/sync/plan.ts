import type { Subscription } from '../salesloft/types.js';
import type { DesiredState, DesiredSubscription } from './desired.js';

export type PruneMode = 'none' | 'managed' | 'all';

export type SyncStep =
  | {
      action: 'create';
      event_type: string;
      callback_url: string;
      enabled: boolean;
      desired: DesiredSubscription;
    }
  | { action: 'enable' | 'disable'; id: number; event_type: string; callback_url: string }
  /** The token differs and Salesloft cannot change a token in place: create the new one, then delete the old. */
  | {
      action: 'recreate';
      id: number;
      event_type: string;
      callback_url: string;
      enabled: boolean;
      desired: DesiredSubscription;
    }
  | {
      action: 'delete';
      id: number;
      event_type: string;
      callback_url: string;
      reason: 'undeclared' | 'duplicate';
    };

/**
 * What to do so the team matches the file. For each declared URL and event type, one
 * subscription with the declared token is kept; others for the same pair are duplicates
 * (a recreate interrupted half-way leaves one) and are deleted. Undeclared subscriptions are
 * deleted only when pruning: those of URLs the file manages, or all of them with `all`.
 */
export function planSync(
  desired: DesiredState,
  current: readonly Subscription[],
  prune: PruneMode,
): SyncStep[] {
  const steps: SyncStep[] = [];
  const claimed = new Set<number>();
  for (const want of desired.subscriptions) {
    const same = current.filter(
      (sub) => sub.callback_url === want.callback_url && sub.event_type === want.event_type,
    );
    const matching = same.filter(
      (sub) => sub.callback_token === undefined || sub.callback_token === want.callback_token,
    );
    const keep = matching.find((sub) => sub.enabled === want.enabled) ?? matching[0];
    const base = { event_type: want.event_type, callback_url: want.callback_url };
    if (keep) {
      claimed.add(keep.id);
      if (keep.enabled !== want.enabled)
        steps.push({ action: want.enabled ? 'enable' : 'disable', id: keep.id, ...base });
    } else if (same[0]) {
      claimed.add(same[0].id);
      steps.push({ action: 'recreate', id: same[0].id, enabled: want.enabled, desired: want, ...base });
    } else {
      steps.push({ action: 'create', enabled: want.enabled, desired: want, ...base });
    }
    for (const extra of same) {
      if (claimed.has(extra.id)) continue;
      claimed.add(extra.id);
      steps.push({ action: 'delete', id: extra.id, reason: 'duplicate', ...base });
    }
  }
  if (prune !== 'none') {
    const managed = new Set(desired.urls);
    for (const sub of current) {
      if (claimed.has(sub.id)) continue;
      if (prune === 'managed' && !managed.has(sub.callback_url)) continue;
      steps.push({
        action: 'delete',
        id: sub.id,
        event_type: sub.event_type,
        callback_url: sub.callback_url,
        reason: 'undeclared',
      });
    }
  }
  return steps;
}

/** The plan as `--json` shows it (no tokens, no back-references). */
export function planJson(steps: readonly SyncStep[]): Record<string, unknown>[] {
  return steps.map((step) => {
    const { desired: _desired, ...rest } = step as SyncStep & { desired?: unknown };
    return rest;
  });
}
