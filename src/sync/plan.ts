import type { Subscription } from '../../packages/webhooks/src/salesloft/types.js';
import { maskUserinfo } from '../../packages/webhooks/src/shared/text.js';
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

/** One step of the plan as `--json` shows it: the step without the file's entry (no tokens). */
export type SyncPlanItem = SyncStep extends infer Step
  ? Step extends SyncStep
    ? Omit<Step, 'desired'>
    : never
  : never;

/** The plan as `--json` shows it (no tokens, no back-references). */
export function planJson(steps: readonly SyncStep[]): SyncPlanItem[] {
  return steps.map((step) => {
    if ('desired' in step) {
      const { desired: _desired, ...rest } = step;
      return rest;
    }
    return step;
  });
}

/**
 * What a plan is right to do but the user may not expect, as notes for stderr: one URL given two
 * tokens by two entries (its handler must accept both), subscriptions at a URL the file manages
 * that the file does not declare (kept unless `--prune`), and a recreate of a subscription that is
 * disabled in Salesloft coming back enabled because the file says so.
 */
export function planNotes(
  desired: DesiredState,
  current: readonly Subscription[],
  steps: readonly SyncStep[],
  prune: PruneMode,
  file: string,
): string[] {
  const notes: string[] = [];
  const tokens = new Map<string, Map<string, number>>();
  for (const want of desired.subscriptions) {
    const byToken = tokens.get(want.callback_url) ?? new Map<string, number>();
    if (!byToken.has(want.callback_token)) byToken.set(want.callback_token, want.line);
    tokens.set(want.callback_url, byToken);
  }
  for (const [url, byToken] of tokens) {
    if (byToken.size < 2) continue;
    const lines = [...byToken.values()].map((line) => `${file}:${line}`).join(' and ');
    notes.push(
      `${maskUserinfo(url)} is given ${byToken.size} different tokens (${lines}): its handler must accept each of them.`,
    );
  }
  if (prune === 'none') {
    const declared = new Set(desired.subscriptions.map((want) => `${want.callback_url}\n${want.event_type}`));
    const managed = new Set(desired.urls);
    const undeclared = current.filter(
      (sub) => managed.has(sub.callback_url) && !declared.has(`${sub.callback_url}\n${sub.event_type}`),
    );
    if (undeclared.length > 0) {
      notes.push(
        `${undeclared.length} subscription${undeclared.length === 1 ? '' : 's'} at URLs this file manages ${undeclared.length === 1 ? 'is' : 'are'} not declared (${undeclared.map((sub) => `#${sub.id} ${sub.event_type}`).join(', ')}): kept; --prune deletes ${undeclared.length === 1 ? 'it' : 'them'}.`,
      );
    }
  }
  for (const step of steps) {
    if (step.action !== 'recreate' || !step.enabled) continue;
    const old = current.find((sub) => sub.id === step.id);
    if (old && !old.enabled) {
      notes.push(
        `#${step.id} ${step.event_type} is disabled in Salesloft; recreated with the new token, it comes back enabled (${file}:${step.desired.line} says enabled, the default). Set enabled: false to keep it off.`,
      );
    }
  }
  return notes;
}
