import { Args } from '@oclif/core';
import { UsageError } from '../shared/errors.js';
import { runForIds } from '../subscriptions/batch.js';
import { parseIds } from '../subscriptions/ids.js';
import { publicView } from '../subscriptions/view.js';
import { apiFlags, BaseCommand } from './base-command.js';
import { describeSubscription } from './render/subscriptions.js';

// oclif's parse() copies only a command class's own statics, so each subclass re-declares these.
export const toggleArgs = {
  id: Args.string({ description: 'subscription id (repeatable)', required: true }),
};
export const toggleFlags = { ...apiFlags };

/** `enable` and `disable`: a PUT {enabled} for each id. */
export abstract class ToggleCommand extends BaseCommand {
  protected abstract readonly enabled: boolean;

  async run(): Promise<unknown> {
    const { argv, flags } = await this.parse({
      strict: false,
      args: toggleArgs,
      flags: toggleFlags,
      enableJsonFlag: true,
    });
    const ids = parseIds(argv as string[]);
    if (ids.length === 0) throw new UsageError('Pass at least one subscription id.', 'no_selector');
    const api = await this.salesloft(flags);
    const outcome = await runForIds(ids, (id) => api.setEnabled(id, this.enabled));
    this.setExitCode(outcome.exitCode);
    const updated = outcome.done.map((sub) => publicView(sub, false));
    if (!this.jsonEnabled()) {
      for (const sub of outcome.done)
        this.log(`${this.enabled ? 'Enabled' : 'Disabled'} ${describeSubscription(sub)}`);
      for (const failure of outcome.failed) this.errorLine(`#${failure.id}: ${failure.error.message}`);
    }
    if (outcome.failed.length === 0) return { updated };
    const message = `Updated ${outcome.done.length}; failed: ${outcome.failed.map((f) => `#${f.id} (${f.error.message})`).join('; ')}.`;
    return {
      updated,
      failed: outcome.failed,
      error: { code: outcome.exitCode === 5 ? 'partial' : 'failed', message },
    };
  }
}
