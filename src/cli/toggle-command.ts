import * as Args from '@oclif/core/args';
import { type Partial, UsageError } from '../shared/errors.js';
import type { BatchFailure } from '../subscriptions/batch.js';
import { parseIds } from '../subscriptions/ids.js';
import { setEnabledAll } from '../subscriptions/toggle.js';
import { publicView, type ShownSubscription } from '../subscriptions/view.js';
import { ApiCommand } from './base-command.js';
import { describeSubscription } from './render/subscriptions.js';

export type ToggleJson = Partial<{ updated: ShownSubscription[]; failed?: BatchFailure[] }>;

// oclif's parse() copies only a command class's own statics, so each subclass re-declares these.
export const toggleArgs = {
  id: Args.string({ description: 'subscription id (repeatable)', required: true }),
};

/** `enable` and `disable`: a PUT {enabled} for each id. */
export abstract class ToggleCommand extends ApiCommand<ToggleJson> {
  protected abstract readonly enabled: boolean;

  async run(): Promise<ToggleJson> {
    const { argv, flags } = await this.parse({
      strict: false,
      args: toggleArgs,
      baseFlags: ApiCommand.baseFlags,
      enableJsonFlag: true,
    });
    const ids = parseIds(argv as string[]);
    if (ids.length === 0) throw new UsageError('Pass at least one subscription id.', 'no_selector');
    const api = await this.salesloft(flags);
    const { result, problem } = await setEnabledAll(api, ids, this.enabled);
    if (!this.jsonEnabled()) {
      for (const sub of result.updated)
        this.log(`${this.enabled ? 'Enabled' : 'Disabled'} ${describeSubscription(sub)}`);
    }
    const updated = result.updated.map((sub) => publicView(sub, false));
    const perFailure = result.failed.map((failure) => `#${failure.id}: ${failure.error.message}`);
    return this.finish(
      { result: problem ? { updated, failed: result.failed } : { updated }, problem },
      perFailure,
    );
  }
}
