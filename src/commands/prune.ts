import * as Flags from '@oclif/core/flags';
import type { Team } from '../../packages/webhooks/src/salesloft/types.js';
import { count, safeText } from '../../packages/webhooks/src/shared/text.js';
import { ApiCommand } from '../cli/base-command.js';
import { showTokensFlag, yesFlag } from '../cli/flags.js';
import { describeSubscription } from '../cli/render/subscriptions.js';
import { ExitCode, type WithPartialFailure } from '../shared/errors.js';
import { publicView, type ShownSubscription } from '../subscriptions/view.js';

export type PruneResult = WithPartialFailure<{
  deleted: ShownSubscription[];
  team: Team | null;
  /** Dead sessions of another credential: kept, each with why and how to prune it. */
  kept?: { session_id: string; note: string }[];
}>;

export default class Prune extends ApiCommand<PruneResult> {
  static override summary = 'Delete subscriptions left behind by listen sessions that are no longer running.';
  static override description =
    `Reads the session journals in the state directory and deletes the subscriptions whose callback URL
is a dead session's (that URL holds the session's random id). A session of another host or
container counts as dead once its heartbeat is over 2.5 minutes old, or with --all-hosts.`;

  static override examples = ['<%= config.bin %> prune', '<%= config.bin %> prune --yes --json'];
  static override flags = {
    yes: yesFlag,
    'show-tokens': showTokensFlag,
    'all-hosts': Flags.boolean({
      description: 'also prune sessions of other hosts whose heartbeat is still fresh',
    }),
  };

  async run(): Promise<PruneResult> {
    const { flags } = await this.parse(Prune);
    const settings = await this.apiSettings(flags);
    const [{ findLeftovers, otherOwnerNote, pruneLeftovers }, { journalOwner }] = await Promise.all([
      import('../listen/prune.js'),
      import('../journal/journal.js'),
    ]);
    const api = await this.salesloft(flags);
    const team = await this.sayTeam(api);
    const plan = await findLeftovers(api, {
      stateDir: settings.stateDir,
      apiUrl: settings.apiUrl,
      allHosts: flags['all-hosts'],
      owner: journalOwner(team, settings.credentialId, settings.login?.profile),
    });
    for (const run of plan.interruptedSyncs ?? []) {
      this.note(
        `A sync run started ${run.data.started_at} died before it finished: run \`salesloft-hooks sync\` again to converge (nothing of it is deleted).`,
      );
    }
    for (const pid of plan.stoppedTunnels ?? [])
      this.note(`Stopped cloudflared (pid ${pid}), left running by a dead session.`);
    const kept = plan.otherOwner.map((journal) => ({
      session_id: journal.data.session_id,
      note: otherOwnerNote(journal.data, team),
    }));
    for (const { note } of kept) this.note(safeText(`Keeping ${note}.`));
    const extra = kept.length > 0 ? { kept } : {};
    for (const other of plan.otherApi) {
      this.note(
        safeText(
          `Skipping session ${other.data.session_id}: it used ${other.data.api_url} (pass --api-url to prune it).`,
        ),
      );
    }
    if (plan.targets.length === 0) {
      this.note(
        kept.length === 0
          ? 'Nothing left behind by dead listen sessions.'
          : 'Nothing left behind by dead listen sessions of this credential.',
      );
      return { deleted: [], team, ...extra };
    }
    this.note(`Left behind by ${count(plan.journals.length, 'dead session')}:`);
    for (const sub of plan.targets) this.note(`  ${this.err.red('-')} ${describeSubscription(sub)}`);
    if (!(await this.confirmed(`Delete ${count(plan.targets.length, 'subscription')}?`, flags.yes))) {
      this.setExitCode(ExitCode.negative);
      return { deleted: [], team, ...extra };
    }
    const { result, problem } = await pruneLeftovers(api, plan);
    if (!this.jsonEnabled())
      for (const sub of result.deleted) this.log(`Deleted ${describeSubscription(sub)}`);
    return this.finish({
      result: { deleted: result.deleted.map((sub) => publicView(sub, flags['show-tokens'])), team, ...extra },
      problem,
    });
  }
}
