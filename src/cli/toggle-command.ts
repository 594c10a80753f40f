import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import type { Team } from '../../packages/webhooks/src/salesloft/types.js';
import { count } from '../../packages/webhooks/src/shared/text.js';
import { ExitCode, UsageError, type WithPartialFailure } from '../shared/errors.js';
import { urlSelector } from '../shared/urls.js';
import type { BatchFailure } from '../subscriptions/batch.js';
import { parseIds } from '../subscriptions/ids.js';
import { setEnabledAll } from '../subscriptions/toggle.js';
import { findTargets } from '../subscriptions/unsubscribe.js';
import { publicView, type ShownSubscription } from '../subscriptions/view.js';
import { ApiCommand } from './base-command.js';
import { eventFlag, yesFlag } from './flags.js';
import { describeSubscription } from './render/subscriptions.js';

export type ToggleJson = WithPartialFailure<{
  updated: ShownSubscription[];
  failed?: BatchFailure[];
  team: Team | null;
}>;

// oclif's parse() copies only a command class's own statics, so each subclass re-declares these.
export const toggleArgs = {
  id: Args.string({ description: 'subscription id (repeatable)' }),
};
export const toggleFlags = {
  url: Flags.string({ description: 'select subscriptions whose callback URL contains this' }),
  event: eventFlag,
  yes: yesFlag,
};

/**
 * `enable` and `disable`: a PUT {enabled} for each selected subscription. Ids alone are done as
 * asked; `--url` or `--event` select as `unsubscribe` does, and what they select is shown and
 * confirmed first (`--yes` without a terminal).
 */
export abstract class ToggleCommand extends ApiCommand<ToggleJson> {
  protected abstract readonly enabled: boolean;

  async run(): Promise<ToggleJson> {
    const { argv, flags } = await this.parse({
      strict: false,
      args: toggleArgs,
      flags: toggleFlags,
      baseFlags: ApiCommand.baseFlags,
      enableJsonFlag: true,
    });
    const ids = parseIds(argv as string[]);
    const selecting = flags.url !== undefined || (flags.event?.length ?? 0) > 0;
    if (ids.length === 0 && !selecting) {
      throw new UsageError('Say which: pass subscription ids, --url or --event.', 'no_selector');
    }
    const api = await this.salesloft(flags);
    const team = await this.sayTeam(api);
    let chosen = ids;
    if (selecting) {
      const target = await findTargets(api, {
        ids,
        ...(flags.url === undefined ? {} : { url: urlSelector(flags.url) }),
        ...(flags.event ? { events: flags.event } : {}),
      });
      const verb = this.enabled ? 'enable' : 'disable';
      if (target.selected.length === 0) {
        this.note(`No subscription matches; nothing to ${verb}.`);
        return { updated: [], team };
      }
      this.note(`About to ${verb} ${target.selected.length}:`);
      for (const sub of target.selected) this.note(`  ${describeSubscription(sub)}`);
      const question = `${this.enabled ? 'Enable' : 'Disable'} ${count(target.selected.length, 'subscription')}?`;
      if (!(await this.confirmed(question, flags.yes))) {
        this.note('Nothing changed.');
        this.setExitCode(ExitCode.negative);
        return { updated: [], team };
      }
      chosen = target.selected.map((sub) => sub.id);
    }
    const { result, problem } = await setEnabledAll(api, chosen, this.enabled);
    if (!this.jsonEnabled()) {
      for (const sub of result.updated)
        this.log(`${this.enabled ? 'Enabled' : 'Disabled'} ${describeSubscription(sub)}`);
    }
    const updated = result.updated.map((sub) => publicView(sub, false));
    const perFailure = result.failed.map((failure) => `#${failure.id}: ${failure.error.message}`);
    return this.finish(
      { result: problem ? { updated, failed: result.failed, team } : { updated, team }, problem },
      perFailure,
    );
  }
}
