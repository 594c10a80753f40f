import { Flags } from '@oclif/core';
import { apiFlags, BaseCommand } from '../cli/base-command.js';
import { showTokensFlag, yesFlag } from '../cli/flags.js';
import { describeSubscription } from '../cli/render/subscriptions.js';
import { count } from '../shared/text.js';
import { publicView } from '../subscriptions/view.js';

export default class Prune extends BaseCommand {
  static override summary = 'Delete subscriptions left behind by listen sessions that are no longer running.';
  static override description =
    `Reads the session journals in the state directory and deletes the subscriptions whose callback URL
is a dead session's (that URL holds the session's random id). A session of another host or
container counts as dead once its heartbeat is over 2.5 minutes old, or with --all-hosts.`;

  static override examples = ['<%= config.bin %> prune', '<%= config.bin %> prune --yes --json'];
  static override flags = {
    ...apiFlags,
    yes: yesFlag,
    'show-tokens': showTokensFlag,
    'all-hosts': Flags.boolean({
      description: 'also prune sessions of other hosts whose heartbeat is still fresh',
    }),
  };

  async run(): Promise<unknown> {
    const { flags } = await this.parse(Prune);
    const settings = this.apiSettings(flags);
    const [
      { deadSessionJournals, removeStaleTemporaryFiles },
      { planPrune, removeJournals },
      { deleteTargets, unsubscribeProblem },
    ] = await Promise.all([
      import('../listen/journal.js'),
      import('../listen/prune.js'),
      import('../subscriptions/unsubscribe.js'),
    ]);
    await removeStaleTemporaryFiles(settings.stateDir);
    const journals = await deadSessionJournals(settings.stateDir, { allHosts: flags['all-hosts'] });
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
      if (problem) this.errorLine(problem.message);
    }
    const deleted = result.deleted.map((sub) => publicView(sub, flags['show-tokens']));
    return problem ? { deleted, error: { code: problem.code, message: problem.message } } : { deleted };
  }
}
