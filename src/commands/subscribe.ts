import * as Flags from '@oclif/core/flags';
import type { Subscription, Team } from '../../packages/webhooks/src/salesloft/types.js';
import { count, maskToken, safeUrl } from '../../packages/webhooks/src/shared/text.js';
import { matchEvents, synchronousWarning, unknownEventsWarning } from '../catalog/patterns.js';
import { ApiCommand } from '../cli/base-command.js';
import { dryRunFlag, eventFlag, showTokensFlag, tokenFileFlag, yesFlag } from '../cli/flags.js';
import { renderPlan } from '../cli/render/subscriptions.js';
import { canPrompt, handleStopSignals, requireInteractive } from '../cli/terminal.js';
import { ExitCode } from '../shared/errors.js';
import { isLoopbackUrl, parseCallbackUrl } from '../shared/urls.js';
import { scopesNeeded } from '../subscriptions/scopes.js';
import { type PlanItem, planSubscribe } from '../subscriptions/subscribe.js';
import { publicView, type ShownSubscription } from '../subscriptions/view.js';

/** `--json`: the plan with --dry-run, else the token (once, when generated) and what was created or found. */
export type SubscribeResult =
  | { plan: PlanItem[]; team: Team | null }
  | { token: string | null; created: ShownSubscription[]; existing: ShownSubscription[]; team: Team | null };

export default class Subscribe extends ApiCommand<SubscribeResult | undefined> {
  static override summary =
    'Subscribe a callback URL to event types: one subscription per event, all or nothing.';
  static override description =
    `Without --event on a terminal, pick events from a checklist. Without --token the state
directory's callback token signs (the one listen, trigger and doctor use; created on first use). Subscriptions that already exist for the URL are reported, not
created again. If any create fails, the ones this run created are deleted again.`;

  static override examples = [
    '<%= config.bin %> subscribe --url https://hooks.example.com/salesloft --event "person_*" --event task_completed',
    '<%= config.bin %> subscribe --url https://hooks.example.com/salesloft --event all --token "$TOKEN" --json',
  ];

  static override flags = {
    url: Flags.string({ description: 'callback URL Salesloft will POST to', required: true }),
    event: eventFlag,
    token: Flags.string({
      description:
        'callback token to sign deliveries with [env: SALESLOFT_CALLBACK_TOKEN] (default: the state directory’s, as listen uses)',
    }),
    'token-file': tokenFileFlag,
    disabled: Flags.boolean({ description: 'create the subscriptions disabled' }),
    'dry-run': dryRunFlag,
    yes: yesFlag,
    'show-tokens': showTokensFlag,
  };

  async run(): Promise<SubscribeResult | undefined> {
    const { flags } = await this.parse(Subscribe);
    const url = parseCallbackUrl(flags.url);
    const events = await this.chooseEvents(flags.event);
    const hook = synchronousWarning(events);
    if (hook) this.warning(hook);
    const scopes = scopesNeeded(events);
    if (scopes) this.note(this.err.dim(`These events need the OAuth scopes ${scopes}.`));

    const settings = await this.apiSettings(flags);
    const chooseToken = () =>
      this.callbackToken(flags, settings, {
        subscribes: isLoopbackUrl(settings.apiUrl) ? 'local' : 'remote',
      });
    // With no question to decline (--yes, a script, CI), the token is settled before Salesloft is
    // asked anything: in CI without one, nothing is done at all.
    const early = flags['dry-run'] || (canPrompt() && !flags.yes) ? undefined : await chooseToken();
    const api = await this.salesloft(flags);
    const current = await api.list();
    const team = await this.sayTeam(api);
    const plan = planSubscribe(current, url, events);
    if (flags['dry-run']) {
      if (!this.jsonEnabled()) this.log(renderPlan(plan, this.out));
      return { plan, team };
    }
    if (!(await this.confirmPlan(plan, flags.yes))) {
      this.setExitCode(ExitCode.negative);
      this.note('Nothing created.');
      return this.jsonEnabled() ? { token: null, created: [], existing: [], team } : undefined;
    }

    const choice = early ?? (await chooseToken());
    const { token } = choice;
    const toCreate = plan.filter((item) => item.action === 'create').length;
    const [{ journaledSubscribeBatch }, { journalOwner }] = await Promise.all([
      import('../journal/batch.js'),
      import('../journal/journal.js'),
    ]);
    let stopSignal: string | undefined;
    const signals = handleStopSignals(
      (signal) => `${signal} again: exiting now; \`salesloft-hooks prune\` deletes what this run created.`,
    );
    void signals.first.then((signal) => {
      stopSignal = signal;
      api.interruptWaits(signal);
      this.note(
        `${signal}: stopping; waiting for the creates in flight, then deleting what this run created.`,
      );
    });
    const result = await journaledSubscribeBatch(
      api,
      { url, events, token, disabled: flags.disabled },
      plan,
      current,
      {
        stateDir: settings.stateDir,
        apiUrl: settings.apiUrl,
        owner: journalOwner(team, settings.credentialId, settings.login?.profile),
        hooks: {
          stopped: () => stopSignal,
          onProgress: (done, total, sub) =>
            this.note(`  ${this.err.green('+')} ${sub.event_type} #${sub.id} (${done}/${total})`),
        },
      },
    ).finally(() => signals.dispose());
    // Every subscription of the URL counts: the handler verifies all of them, whatever their type.
    this.warnAboutOtherTokens(
      current.filter((sub) => sub.callback_url === url),
      token,
      result.created.length > 0,
    );

    // A token created now is shown once, in full; any other is masked like every token.
    const tokenShown = choice.source === 'created' ? token : maskUnless(flags['show-tokens'], token);
    if (!this.jsonEnabled()) {
      await this.printSummary(
        url,
        result.created,
        result.existing,
        toCreate,
        choice.source === 'created' ? token : undefined,
      );
      if (choice.source === 'stored' && result.created.length > 0) {
        this.note(
          this.err.dim(
            `Subscribed with the state directory's callback token (${maskToken(token)}; \`salesloft-hooks listen --print-token\` prints it).`,
          ),
        );
      }
    }
    return {
      token: tokenShown,
      created: result.created.map((sub) => publicView(sub, flags['show-tokens'])),
      existing: result.existing.map((sub) => publicView(sub, flags['show-tokens'])),
      team,
    };
  }

  private async chooseEvents(patterns: string[] | undefined): Promise<string[]> {
    if (patterns && patterns.length > 0) {
      const match = matchEvents(patterns);
      const warning = unknownEventsWarning(match.unknown);
      if (warning) this.warning(warning);
      return match.events;
    }
    requireInteractive('Choosing events', '--event (a type, a glob such as person_*, or all)');
    const { pickEvents } = await import('../cli/prompts.js');
    return pickEvents();
  }

  /** On a terminal, show what will be created and ask (unless --yes); scripts are never asked. */
  private async confirmPlan(plan: PlanItem[], yes: boolean): Promise<boolean> {
    const creates = plan.filter((item) => item.action === 'create').length;
    if (yes || creates === 0 || !canPrompt()) return true;
    this.note(renderPlan(plan, this.err));
    return this.confirmed(`Create ${count(creates, 'subscription')}?`, false);
  }

  private warnAboutOtherTokens(existing: Subscription[], token: string, createdSome: boolean): void {
    const different = existing.filter(
      (sub) => sub.callback_token !== undefined && sub.callback_token !== token,
    );
    if (different.length === 0 || !createdSome) return;
    this.warning(
      `${count(different.length, 'existing subscription')} for this URL use${different.length === 1 ? 's' : ''} another token (${different.map((sub) => `#${sub.id}`).join(', ')}): your handler will see two tokens. Unsubscribe and subscribe again to use one.`,
    );
  }

  private async printSummary(
    url: string,
    created: Subscription[],
    existing: Subscription[],
    planned: number,
    newToken?: string,
  ): Promise<void> {
    if (created.length > 0) {
      const { renderSubscriptionTable } = await import('../cli/render/subscription-table.js');
      this.log(`Created ${count(created.length, 'subscription')} for ${safeUrl(url)}:`);
      this.log(renderSubscriptionTable(created, { color: this.out, showTokens: false }));
    }
    if (existing.length > 0) {
      this.log(`${existing.length} already existed: ${existing.map((sub) => sub.event_type).join(', ')}`);
    }
    if (planned === 0) this.log('Nothing to create.');
    if (newToken && created.length > 0) {
      this.note(
        `Callback token (new, stored in the state directory; configure your handler with it): ${this.err.bold(newToken)}`,
      );
    }
  }
}

function maskUnless(show: boolean, token: string): string {
  return show ? token : maskToken(token);
}
