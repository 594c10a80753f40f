import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { ExitCode } from '../errors.js';
import { generateToken } from '../subscriptions/subscribe.js';
import { sentLine } from '../ui/http-status.js';
import { parseCallbackUrl } from '../urls.js';

export default class Trigger extends BaseCommand {
  static override summary = 'Send a realistic signed sample delivery of an event type to a URL.';
  static override description =
    'Signed exactly as Salesloft signs (hex HMAC-SHA1 of the body in x-salesloft-signature). Exits 1 when the handler answers outside 2xx.';

  static override examples = [
    '<%= config.bin %> trigger person_updated --to http://localhost:3000/webhooks --token "$TOKEN"',
    '<%= config.bin %> trigger task_completed --to http://localhost:3000/webhooks --data task.json --count 3',
  ];

  static override args = {
    event: Args.string({ description: 'event type, e.g. person_updated', required: true }),
  };
  static override flags = {
    to: Flags.string({ description: 'URL of the webhook handler', required: true }),
    token: Flags.string({ description: 'callback token to sign with (default: a new random one, printed)' }),
    count: Flags.integer({
      description: 'how many deliveries (a fresh sample each)',
      default: 1,
      min: 1,
      max: 10_000,
    }),
    data: Flags.string({ description: 'send this file’s bytes, unchanged, instead of a sample' }),
  };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(Trigger);
    const url = parseCallbackUrl(flags.to, '--to');
    const token = flags.token ?? generateToken();
    const { trigger } = await import('../send/trigger.js');
    const outcomes = await trigger({
      eventType: args.event,
      url,
      token,
      count: flags.count,
      dataFile: flags.data,
      onSent: (index, outcome) => {
        if (index === 0 && !flags.token)
          this.note(`Signed with a new token (configure your handler with it): ${token}`);
        if (this.jsonEnabled()) return;
        this.log(sentLine(index + 1, args.event, outcome, this.out));
      },
    });
    const refused = outcomes.filter((outcome) => outcome.status < 200 || outcome.status >= 300);
    if (refused.length > 0) {
      this.setExitCode(ExitCode.negative);
      this.note(
        `${refused.length} of ${outcomes.length} answered outside 2xx (${[...new Set(refused.map((o) => o.status))].join(', ')}).`,
      );
    }
    return {
      ...(flags.token ? {} : { token }),
      deliveries: outcomes.map(({ status, ms }) => ({ status, ms })),
    };
  }
}
