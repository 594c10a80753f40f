import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { ExitCode } from '../errors.js';
import { sentLine } from '../ui/http-status.js';
import { parseCallbackUrl } from '../urls.js';

export default class Replay extends BaseCommand {
  static override summary = 'Re-send a delivery recorded by `listen --record`, byte for byte.';
  static override description =
    'DELIVERY is the id shown by listen, or all. With --token the body is re-signed with that token.';
  static override examples = [
    '<%= config.bin %> replay 3 --from deliveries.jsonl --to http://localhost:3000/webhooks',
    '<%= config.bin %> replay all --from deliveries.jsonl --to http://localhost:3000/webhooks --token "$TOKEN"',
  ];

  static override args = {
    delivery: Args.string({ description: 'delivery id in the recording, or all', required: true }),
  };
  static override flags = {
    from: Flags.string({ description: 'JSON-lines file written by listen --record', required: true }),
    to: Flags.string({ description: 'URL of the webhook handler', required: true }),
    token: Flags.string({ description: 're-sign with this callback token' }),
  };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(Replay);
    const url = parseCallbackUrl(flags.to, '--to');
    const { pickDeliveries, readRecording, replayOne } = await import('../send/replay.js');
    const chosen = pickDeliveries(await readRecording(flags.from), args.delivery);
    const sent: { id: number; status: number; ms: number }[] = [];
    for (const delivery of chosen) {
      const outcome = await replayOne(delivery, url, flags.token);
      sent.push({ id: delivery.id, status: outcome.status, ms: outcome.ms });
      if (!this.jsonEnabled()) {
        this.log(
          sentLine(
            delivery.id,
            delivery.event_type ?? '',
            { status: outcome.status, ms: outcome.ms },
            this.out,
          ),
        );
      }
    }
    if (sent.some((outcome) => outcome.status < 200 || outcome.status >= 300))
      this.setExitCode(ExitCode.negative);
    return { deliveries: sent };
  }
}
