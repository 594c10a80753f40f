import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import type { Subscription, Team } from '../../packages/webhooks/src/salesloft/types.js';
import { count } from '../../packages/webhooks/src/shared/text.js';
import { ApiCommand } from '../cli/base-command.js';
import { dryRunFlag, eventFlag, showTokensFlag, yesFlag } from '../cli/flags.js';
import { describeSubscription } from '../cli/render/subscriptions.js';
import { ExitCode, UsageError, type WithPartialFailure } from '../shared/errors.js';
import { urlSelector } from '../shared/urls.js';
import type { BatchFailure } from '../subscriptions/batch.js';
import { parseIds } from '../subscriptions/ids.js';
import { deleteTargets, findTargets } from '../subscriptions/unsubscribe.js';
import { publicView, type ShownSubscription } from '../subscriptions/view.js';

export type UnsubscribeJson = WithPartialFailure<{
  deleted: ShownSubscription[];
  plan?: ShownSubscription[];
  not_found?: number[];
  failed?: BatchFailure[];
  team: Team | null;
}>;

export default class Unsubscribe extends ApiCommand<UnsubscribeJson> {
  static override summary = 'Delete webhook subscriptions selected by id, URL, event or --all.';
  static override description =
    'Selectors combine: --url and --event together delete what matches both. Shows what will be deleted and asks first, unless --yes.';

  static override examples = [
    '<%= config.bin %> unsubscribe 101 102',
    '<%= config.bin %> unsubscribe --url ngrok-free.app --yes',
    '<%= config.bin %> unsubscribe --event "task_*" --dry-run',
  ];

  static override strict = false;
  static override args = { id: Args.string({ description: 'subscription id (repeatable)' }) };
  static override flags = {
    url: Flags.string({ description: 'select subscriptions whose callback URL contains this' }),
    event: eventFlag,
    all: Flags.boolean({ description: "select all of the team's subscriptions" }),
    yes: yesFlag,
    'dry-run': dryRunFlag,
    'show-tokens': showTokensFlag,
  };

  async run(): Promise<UnsubscribeJson> {
    const { argv, flags } = await this.parse(Unsubscribe);
    const ids = parseIds(argv as string[]);
    if (ids.length === 0 && flags.url === undefined && !flags.event && !flags.all) {
      throw new UsageError(
        'Say what to delete: pass subscription ids, --url, --event or --all.',
        'no_selector',
      );
    }
    const api = await this.salesloft(flags);
    const target = await findTargets(api, {
      ids,
      ...(flags.url === undefined ? {} : { url: urlSelector(flags.url) }),
      ...(flags.event ? { events: flags.event } : {}),
      all: flags.all,
    });
    const team = await this.sayTeam(api);

    if (target.selected.length === 0) {
      if (target.notFound.length === 0) this.note('No subscription matches; nothing to delete.');
    } else {
      this.note(`${flags['dry-run'] ? 'Would delete' : 'About to delete'} ${target.selected.length}:`);
      for (const sub of target.selected) this.note(`  ${this.err.red('-')} ${describeSubscription(sub)}`);
    }
    const view = (subs: Subscription[]) => subs.map((sub) => publicView(sub, flags['show-tokens']));
    if (flags['dry-run']) return { deleted: [], plan: view(target.selected), team };

    const question = `Delete ${count(target.selected.length, 'subscription')}?`;
    if (target.selected.length > 0 && !(await this.confirmed(question, flags.yes))) {
      this.note('Nothing deleted.');
      this.setExitCode(ExitCode.negative);
      return { deleted: [], team };
    }

    const { result, problem } = await deleteTargets(api, { ...target });
    if (!this.jsonEnabled())
      for (const sub of result.deleted) this.log(`Deleted ${describeSubscription(sub)}`);
    return this.finish({ result: { ...result, deleted: view(result.deleted), team }, problem });
  }
}
