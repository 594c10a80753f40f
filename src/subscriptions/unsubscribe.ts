import type { Subscription } from '../../packages/webhooks/src/salesloft/types.js';
import { CliError, ExitCode, type Outcome } from '../shared/errors.js';
import type { SubscriptionApi } from './api.js';
import { type BatchFailure, runForIds } from './batch.js';
import { type Selection, selectSubscriptions } from './select.js';

export interface UnsubscribeTarget {
  /** The subscriptions to delete. */
  selected: Subscription[];
  /** Ids asked for that the team does not have. */
  notFound: number[];
}

/** Resolves the selectors against the team's subscriptions. `all` selects everything. */
export async function findTargets(
  api: SubscriptionApi,
  selection: Selection & { all?: boolean },
): Promise<UnsubscribeTarget> {
  const current = await api.list();
  const selected = selection.all ? current : selectSubscriptions(current, selection);
  const known = new Set(current.map((sub) => sub.id));
  const notFound = (selection.ids ?? []).filter((id) => !known.has(id));
  return { selected: selected.sort((a, b) => a.id - b.id), notFound };
}

export interface UnsubscribeResult {
  deleted: Subscription[];
  not_found: number[];
  failed: BatchFailure[];
}

/** Deletes the targets; what could not be deleted is the outcome's problem, with its exit code. */
export async function deleteTargets(
  api: SubscriptionApi,
  target: UnsubscribeTarget,
): Promise<Outcome<UnsubscribeResult>> {
  const byId = new Map(target.selected.map((sub) => [sub.id, sub]));
  const outcome = await runForIds([...byId.keys()], async (id) => {
    await api.delete(id);
    return byId.get(id) as Subscription;
  });
  const result = { deleted: outcome.done, not_found: target.notFound, failed: outcome.failed };
  const problems = outcome.failed.length + target.notFound.length;
  if (problems === 0) return { result };
  const exitCode =
    outcome.done.length > 0
      ? ExitCode.partial
      : outcome.failed.length > 0
        ? outcome.exitCode
        : ExitCode.failed;
  const parts: string[] = [];
  if (result.not_found.length > 0)
    parts.push(`no subscription ${result.not_found.map((id) => `#${id}`).join(', ')}`);
  for (const failure of result.failed) parts.push(`#${failure.id}: ${failure.error.message}`);
  const code = exitCode === ExitCode.partial ? 'partial' : result.failed.length > 0 ? 'failed' : 'not_found';
  return {
    result,
    problem: new CliError(
      `Deleted ${result.deleted.length}; not deleted: ${parts.join('; ')}.`,
      code,
      exitCode,
    ),
  };
}
