import { randomBytes } from 'node:crypto';
import { count } from '../../packages/webhooks/src/shared/text.js';
import { withJournal } from '../journal/batch.js';
import type { JournalOwner } from '../journal/journal.js';
import { CliError, describeError, ExitCode } from '../shared/errors.js';
import type { SubscriptionApi } from '../subscriptions/api.js';
import { mapBounded } from '../subscriptions/batch.js';
import type { SyncStep } from './plan.js';

export interface StepOutcome {
  step: SyncStep;
  ok: boolean;
  error?: string;
}

/**
 * Applies a plan in phases that keep every moment safe to interrupt: creates first (a recreate
 * creates its replacement here), then enables and disables, then deletes (a recreate's old one
 * last). A failed phase stops the run; re-running recomputes the plan and converges.
 */
export async function applySync(
  api: SubscriptionApi,
  steps: readonly SyncStep[],
  onStep: (outcome: StepOutcome) => void = () => {},
): Promise<StepOutcome[]> {
  const phases: ((step: SyncStep) => (() => Promise<void>) | undefined)[] = [
    (step) => {
      if (step.action !== 'create' && step.action !== 'recreate') return undefined;
      return async () => {
        const made = await api.create({
          callback_url: step.callback_url,
          callback_token: step.desired.callback_token,
          event_type: step.event_type,
        });
        if (!step.enabled) await api.setEnabled(made.id, false);
        if (step.action === 'recreate') await api.delete(step.id);
      };
    },
    (step) =>
      step.action === 'enable' || step.action === 'disable'
        ? () => api.setEnabled(step.id, step.action === 'enable').then(() => {})
        : undefined,
    (step) => (step.action === 'delete' ? () => api.delete(step.id).then(() => {}) : undefined),
  ];
  const outcomes: StepOutcome[] = [];
  for (const phase of phases) {
    const work = steps.flatMap((step) => {
      const run = phase(step);
      return run ? [{ step, run }] : [];
    });
    const settled = await mapBounded(work, async ({ run }) => run());
    settled.forEach((result, index) => {
      const step = work[index]?.step as SyncStep;
      const outcome: StepOutcome = result.ok
        ? { step, ok: true }
        : { step, ok: false, error: describeError(result.error).message };
      outcomes.push(outcome);
      onStep(outcome);
    });
    if (outcomes.some((outcome) => !outcome.ok)) break;
  }
  return outcomes;
}

/**
 * `applySync` under a journal in the state directory while it runs, so a run killed half-way is
 * said by the next `listen` or `prune` (never pruned: its creates are what the file declares). A
 * state directory it cannot write costs only that report.
 */
export function applySyncJournaled(
  api: SubscriptionApi,
  steps: readonly SyncStep[],
  journal: { stateDir: string; apiUrl: string; owner?: JournalOwner },
  onStep?: (outcome: StepOutcome) => void,
): Promise<StepOutcome[]> {
  return withJournal(
    journal.stateDir,
    {
      kind: 'sync',
      session_id: `sync-${randomBytes(6).toString('hex')}`,
      started_at: new Date().toISOString(),
      api_url: journal.apiUrl,
      callback_url: '',
      ...(journal.owner ? { owner: journal.owner } : {}),
    },
    () => applySync(api, steps, onStep),
    () => false,
    { optional: true },
  );
}

/** The error for a run with failed steps: exit 4 when nothing was applied, 5 when part was. */
export function syncFailure(outcomes: readonly StepOutcome[], total: number): CliError | undefined {
  const failed = outcomes.filter((outcome) => !outcome.ok);
  if (failed.length === 0) return undefined;
  const done = outcomes.length - failed.length;
  const first = failed[0] as StepOutcome;
  const message = `${count(failed.length, 'step')} failed (first: ${first.step.action} ${first.step.event_type} -> ${first.step.callback_url}: ${first.error}); ${done} of ${total} applied, ${total - done} not. Run sync again to converge.`;
  return new CliError(
    message,
    done > 0 ? 'partial' : 'failed',
    done > 0 ? ExitCode.partial : ExitCode.failed,
  );
}
