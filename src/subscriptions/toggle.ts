import type { Subscription } from '../../packages/webhooks/src/salesloft/types.js';
import { CliError, ExitCode, type Outcome } from '../shared/errors.js';
import type { SubscriptionApi } from './api.js';
import { type BatchFailure, runForIds } from './batch.js';

export interface ToggleResult {
  updated: Subscription[];
  failed: BatchFailure[];
}

/** `enable` and `disable`: a PUT {enabled} for each id; what failed is the outcome's problem. */
export async function setEnabledAll(
  api: SubscriptionApi,
  ids: readonly number[],
  enabled: boolean,
): Promise<Outcome<ToggleResult>> {
  const outcome = await runForIds(ids, (id) => api.setEnabled(id, enabled));
  const result = { updated: outcome.done, failed: outcome.failed };
  if (outcome.failed.length === 0) return { result };
  const message = `Updated ${outcome.done.length}; failed: ${outcome.failed.map((f) => `#${f.id} (${f.error.message})`).join('; ')}.`;
  const code = outcome.exitCode === ExitCode.partial ? 'partial' : 'failed';
  return { result, problem: new CliError(message, code, outcome.exitCode) };
}
