import * as Flags from '@oclif/core/flags';
import { ApiCommand } from '../cli/base-command.js';
import { listedEventFlag, showTokensFlag } from '../cli/flags.js';
import { urlSelector } from '../shared/urls.js';
import { selectSubscriptions } from '../subscriptions/select.js';
import { byId, publicView, type ShownSubscription } from '../subscriptions/view.js';

export default class List extends ApiCommand<ShownSubscription[]> {
  static override summary = "List the team's webhook subscriptions.";
  static override examples = [
    '<%= config.bin %> list',
    '<%= config.bin %> list --event "person_*" --enabled',
    '<%= config.bin %> list --url ngrok --json | jq ".[].id"',
  ];

  static override flags = {
    event: listedEventFlag,
    enabled: Flags.boolean({ description: 'only enabled subscriptions', exclusive: ['disabled'] }),
    disabled: Flags.boolean({ description: 'only disabled subscriptions', exclusive: ['enabled'] }),
    url: Flags.string({ description: 'only subscriptions whose callback URL contains this' }),
    'show-tokens': showTokensFlag,
  };

  async run(): Promise<ShownSubscription[]> {
    const { flags } = await this.parse(List);
    const enabled = flags.enabled ? true : flags.disabled ? false : undefined;
    const api = await this.salesloft(flags);
    const all = await api.list(enabled === undefined ? {} : { enabled });
    // --json is the contract's array: the team goes to stderr in both modes.
    await this.sayTeam(api, true);
    const selected = selectSubscriptions(all, {
      ...(flags.event ? { events: flags.event } : {}),
      ...(flags.url === undefined ? {} : { url: urlSelector(flags.url) }),
      ...(enabled === undefined ? {} : { enabled }),
      globsReachSynchronous: true,
    }).sort(byId);
    if (!this.jsonEnabled()) {
      const { renderSubscriptionTable } = await import('../cli/render/subscription-table.js');
      this.log(
        selected.length === 0
          ? 'No webhook subscriptions match.'
          : renderSubscriptionTable(selected, { color: this.out, showTokens: flags['show-tokens'] }),
      );
    }
    return selected.map((sub) => publicView(sub, flags['show-tokens']));
  }
}
