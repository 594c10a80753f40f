import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../cli/base-command.js';
import { checkInsecure, insecureFlag, tokenApiUrlFlag, tokenFileFlag } from '../cli/flags.js';
import { sentLine } from '../cli/render/deliveries.js';
import type { ReplayOutcome } from '../send/replay.js';
import { sessionDeliveryId } from '../send/through-listen.js';
import { ExitCode } from '../shared/errors.js';
import { parseForwardTarget } from '../shared/urls.js';

export interface ReplayResult {
  deliveries: ReplayOutcome[];
  skipped: number[];
}

export default class Replay extends BaseCommand<ReplayResult> {
  static override summary = 'Re-send a delivery recorded by `listen --record`, byte for byte.';
  static override description =
    `DELIVERY is the id shown by listen, or all. The body is sent unchanged and signed with the same
callback token as \`listen\` (or --token, or SALESLOFT_CALLBACK_TOKEN). Deliveries recorded with an
invalid signature are skipped unless --include-invalid: replaying re-signs them as valid.`;
  static override examples = [
    '<%= config.bin %> replay 3 --from deliveries.jsonl --to localhost:3000/webhooks',
    '<%= config.bin %> replay all --from deliveries.jsonl --to http://localhost:3000/webhooks --token "$TOKEN"',
  ];

  static override args = {
    delivery: Args.string({
      description: 'delivery id in the recording (SESSION:ID when sessions share the file), or all',
      required: true,
    }),
  };
  static override flags = {
    from: Flags.string({
      description: 'JSON-lines file written by listen --record',
      required: true,
      helpValue: '<file>',
    }),
    to: Flags.string({ description: 'URL of the webhook handler (default: the running listen session)' }),
    session: Flags.string({
      description: 'the listen session to deliver to, when several are running (its id)',
    }),
    token: Flags.string({
      description:
        'sign with this callback token [env: SALESLOFT_CALLBACK_TOKEN] (default: the one listen uses)',
    }),
    'token-file': tokenFileFlag,
    'include-invalid': Flags.boolean({
      description: 'also replay deliveries recorded with an invalid signature (they are re-signed as valid)',
    }),
    'api-url': tokenApiUrlFlag,
    insecure: insecureFlag,
  };

  async run(): Promise<ReplayResult> {
    const { args, flags } = await this.parse(Replay);
    const explicit = flags.to === undefined ? undefined : parseForwardTarget(flags.to, '--to');
    checkInsecure(flags.insecure, explicit);
    const settings = this.resolveSettings(flags);
    const [{ damagedLineNotes, readRecording }, { pickDeliveries, replayDeliveries }] = await Promise.all([
      import('../listen/recording-file.js'),
      import('../send/replay.js'),
    ]);
    const recording = await readRecording(flags.from);
    for (const note of damagedLineNotes(flags.from, recording)) this.warning(note);
    const chosen = pickDeliveries(recording, args.delivery, flags.from);
    const { token } = await this.callbackToken(flags, settings);
    const url =
      explicit ??
      (
        await (
          await import('../listen/session-target.js')
        ).listenTarget(settings.stateDir, token, flags.session)
      ).url;
    const skipped: number[] = [];
    const sent = await replayDeliveries({
      deliveries: chosen,
      url,
      token,
      throughListen: explicit === undefined,
      insecure: flags.insecure,
      includeInvalid: flags['include-invalid'],
      onSkipped: (delivery) => {
        skipped.push(delivery.id);
        this.warning(
          `skipped #${delivery.id}: it was recorded with an invalid signature (${delivery.signature.reason}); pass --include-invalid to re-sign and send it.`,
        );
      },
      onSent: (delivery, outcome) => {
        if (this.jsonEnabled()) return;
        // Through listen: the session's number for it, and which recorded delivery it repeats.
        const id = sessionDeliveryId(outcome);
        const line = sentLine(id ?? delivery.id, delivery.event_type ?? '', outcome, this.out);
        this.log(
          id === undefined
            ? line
            : `${line}  ${this.out.dim(`replay of #${delivery.replay_of ?? delivery.id}`)}`,
        );
      },
    });
    const refused = sent.some((outcome) => outcome.status < 200 || outcome.status >= 300);
    if (refused || (sent.length === 0 && skipped.length > 0)) this.setExitCode(ExitCode.negative);
    // All of a damaged recording: the good lines were sent, and the input still had errors.
    if (args.delivery === 'all' && recording.damaged.length > 0) this.setExitCode(ExitCode.usage);
    return { deliveries: sent, skipped };
  }
}
