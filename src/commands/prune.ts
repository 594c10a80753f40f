import { apiFlags, BaseCommand } from '../base-command.js';
import { showTokensFlag, yesFlag } from '../flags.js';
import { publicView } from '../subscriptions/view.js';
import { count } from '../ui/plural.js';
import { describeSubscription } from '../ui/subscription-table.js';

export default class Prune extends BaseCommand {
  static override summary = 'Delete subscriptions left behind by listen sessions that are no longer running.';
  static override description =
    'Reads the session journals in the state directory. Only a subscription whose id and callback URL both match a dead session is deleted.';

  static override examples = ['<%= config.bin %> prune', '<%= config.bin %> prune --yes --json'];
  static override flags = { ...apiFlags, yes: yesFlag, 'show-tokens': showTokensFlag };

  async run(): Promise<unknown> {
    const { flags } = await this.parse(Prune);
    const settings = this.apiSettings(flags);
    const [{ deadSessionJournals }, { planPrune, removeJournals }, { deleteTargets, unsubscribeProblem }] =
      await Promise.all([
        import('../listen/journal.js'),
        import('../listen/prune.js'),
        import('../subscriptions/unsubscribe.js'),
      ]);
    const journals = await deadSessionJournals(settings.stateDir);
    const api = await this.salesloft(flags);
    const plan = await planPrune(api, journals, settings.apiUrl);
    for (const other of plan.otherApi) {
      this.note(
        `Skipping session ${other.data.session_id}: it used ${other.data.api_url} (pass --api-url to prune it).`,
      );
    }
    if (plan.targets.length === 0) {
      await removeJournals(plan.journals);
      this.note('Nothing left behind by dead listen sessions.');
      return { deleted: [] };
    }
    this.note(`Left behind by ${count(plan.journals.length, 'dead session')}:`);
    for (const sub of plan.targets) this.note(`  ${this.err.red('-')} ${describeSubscription(sub)}`);
    if (!(await this.confirmed(`Delete ${count(plan.targets.length, 'subscription')}?`, flags.yes))) {
      this.setExitCode(1);
      return { deleted: [] };
    }
    const { result, exitCode } = await deleteTargets(api, { selected: plan.targets, notFound: [] });
    this.setExitCode(exitCode);
    if (exitCode === 0) await removeJournals(plan.journals);
    const problem = unsubscribeProblem(result, exitCode);
    if (!this.jsonEnabled()) {
      for (const sub of result.deleted) this.log(`Deleted ${describeSubscription(sub)}`);
      if (problem) this.note(`${this.err.red('Error:')} ${problem.message}`);
    }
    const deleted = result.deleted.map((sub) => publicView(sub, flags['show-tokens']));
    return problem ? { deleted, error: { code: problem.code, message: problem.message } } : { deleted };
  }
}
