import * as Flags from '@oclif/core/flags';
import type { Team } from '../../packages/webhooks/src/salesloft/types.js';
import { count, safeText, safeUrl } from '../../packages/webhooks/src/shared/text.js';
import { ApiCommand } from '../cli/base-command.js';
import { dryRunFlag, yesFlag } from '../cli/flags.js';
import { renderSyncPlan, syncPlanMarkdown } from '../cli/render/sync-plan.js';
import { variableLookup } from '../shared/config.js';
import { ExitCode, UsageError, type WithPartialFailure } from '../shared/errors.js';
import type { SyncPlanItem } from '../sync/plan.js';
import type { JsonSchema as SyncSchema } from '../sync/schema.js';

/** `sync --json`: the plan and whether it was applied (a partial failure adds `error`). */
export type SyncResult = WithPartialFailure<{ plan: SyncPlanItem[]; applied: boolean; team: Team | null }>;

export default class Sync extends ApiCommand<SyncResult | SyncSchema> {
  static override summary = 'Make the team’s subscriptions match a YAML file (subscriptions as code).';
  static override description = `FILE declares subscriptions (this sample parses as copied):

  subscriptions:
    - url: https://hooks.example.com/salesloft
      token_env: SALESLOFT_CALLBACK_TOKEN   # or token: <literal>
      events: [person_*, cadence_membership_created]
      enabled: true                          # default true

Prints the plan, then applies it after confirmation. --prune also deletes undeclared subscriptions of the URLs the file manages (--prune=all: of every URL).`;

  static override examples = [
    '<%= config.bin %> sync --file salesloft-hooks.yaml',
    '<%= config.bin %> sync --file salesloft-hooks.yaml --check',
    '<%= config.bin %> sync --file salesloft-hooks.yaml --prune --yes --json',
  ];

  static override flags = {
    file: Flags.string({ char: 'f', description: 'YAML file of desired subscriptions', helpValue: '<file>' }),
    schema: Flags.boolean({ description: 'print the JSON Schema of the sync file and exit' }),
    format: Flags.option({
      options: ['text', 'markdown'] as const,
      description: 'how to print the plan: text, or a Markdown table (for a CI job summary)',
      default: 'text',
    })(),
    check: Flags.boolean({ description: 'apply nothing; exit 1 when the team differs from the file' }),
    prune: Flags.option({
      options: ['managed', 'all'] as const,
      description:
        'delete undeclared subscriptions: --prune for the URLs the file manages, --prune=all for every URL',
    })(),
    yes: yesFlag,
    'dry-run': dryRunFlag,
  };

  async run(): Promise<SyncResult | SyncSchema> {
    // A bare --prune means the URLs the file manages.
    const argv = this.argv.map((arg) => (arg === '--prune' ? '--prune=managed' : arg));
    const { flags } = await this.parse(Sync, argv);
    if (flags.schema) {
      const { syncSchema } = await import('../sync/schema.js');
      const schema = await syncSchema();
      if (!this.jsonEnabled()) this.log(JSON.stringify(schema, null, 2));
      return schema;
    }
    if (flags.file === undefined)
      throw new UsageError(
        'Pass --file FILE (the YAML of desired subscriptions), or --schema.',
        'missing_file',
      );
    const [{ readDesiredState }, { planJson, planNotes, planSync }, { applySyncJournaled, syncFailure }] =
      await Promise.all([
        import('../sync/desired.js'),
        import('../sync/plan.js'),
        import('../sync/apply.js'),
      ]);
    const desired = await readDesiredState(flags.file, variableLookup(process.env, process.cwd()));
    for (const warning of desired.warnings) this.warning(warning);

    const api = await this.salesloft(flags);
    const current = await api.list();
    const team = await this.sayTeam(api);
    const steps = planSync(desired, current, flags.prune ?? 'none');
    for (const note of planNotes(desired, current, steps, flags.prune ?? 'none', flags.file))
      this.warning(note);
    const plan = planJson(steps);
    if (!this.jsonEnabled()) {
      this.log(
        flags.format === 'markdown'
          ? syncPlanMarkdown(steps, flags.file)
          : renderSyncPlan(steps, flags.file, this.out),
      );
    }

    if (flags.check) {
      if (steps.length > 0) this.setExitCode(ExitCode.negative);
      return { plan, applied: false, team };
    }
    if (flags['dry-run'] || steps.length === 0) return { plan, applied: false, team };
    if (!(await this.confirmed(`Apply ${count(steps.length, 'change')}?`, flags.yes, 'Applying the plan'))) {
      this.setExitCode(ExitCode.negative);
      this.note('Nothing applied.');
      return { plan, applied: false, team };
    }
    const settings = await this.apiSettings(flags);
    const { journalOwner } = await import('../journal/journal.js');
    const outcomes = await applySyncJournaled(
      api,
      steps,
      {
        stateDir: settings.stateDir,
        apiUrl: settings.apiUrl,
        owner: journalOwner(team, settings.credentialId, settings.login?.profile),
      },
      (outcome) => {
        const mark = outcome.ok
          ? this.err.green('done')
          : this.err.red(`failed: ${safeText(outcome.error ?? '')}`);
        const target = `${safeText(outcome.step.event_type)} -> ${safeUrl(outcome.step.callback_url)}`;
        this.note(`  ${outcome.step.action} ${target}: ${mark}`);
      },
    );
    const failure = syncFailure(outcomes, steps.length);
    if (!failure && !this.jsonEnabled()) this.log(`Applied ${count(steps.length, 'change')}.`);
    return this.finish({
      result: { plan, applied: !failure || failure.exitCode === ExitCode.partial, team },
      problem: failure,
    });
  }
}
