import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../cli/base-command.js';
import { checkInsecure, insecureFlag, tokenApiUrlFlag, tokenFileFlag } from '../cli/flags.js';
import { handleStopSignals } from '../cli/terminal.js';
import { parseForwardTarget } from '../shared/urls.js';

export default class Inspect extends BaseCommand<void> {
  static override summary = 'Serve the inspector page over a recording made with `listen --record`.';
  static override description =
    `The same page as \`listen\` shows: every delivery with its headers, body, signature verdict and
catalog entry. Replays go to --forward-to, signed with the callback token listen uses.`;
  static override examples = [
    '<%= config.bin %> inspect --from deliveries.jsonl',
    '<%= config.bin %> inspect --from deliveries.jsonl --forward-to :3000/webhooks',
  ];

  static override flags = {
    from: Flags.string({
      description: 'JSON-lines file written by listen --record',
      required: true,
      helpValue: '<file>',
    }),
    'inspect-port': Flags.integer({
      description: 'port of the page (default: 4041 or the next free port)',
      min: 1,
      max: 65535,
    }),
    'forward-to': Flags.string({ description: 'where Replay sends deliveries (your local handler)' }),
    token: Flags.string({
      description:
        'sign replays with this callback token [env: SALESLOFT_CALLBACK_TOKEN] (default: the one listen uses)',
    }),
    'token-file': tokenFileFlag,
    'api-url': tokenApiUrlFlag,
    insecure: insecureFlag,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Inspect);
    const target = flags['forward-to'] === undefined ? undefined : parseForwardTarget(flags['forward-to']);
    checkInsecure(flags.insecure, target);
    const settings = this.resolveSettings(flags);
    const { token } = await this.callbackToken(flags, settings);
    const { inspectRecording } = await import('../listen/inspector/recording.js');
    const inspector = await inspectRecording({
      file: flags.from,
      port: flags['inspect-port'],
      stateDir: settings.stateDir,
      token,
      target,
      insecure: flags.insecure,
    });
    for (const note of inspector.notes) this.warning(note);
    this.note(`Inspector: ${inspector.url}`);
    this.note(
      this.err.dim(
        `${inspector.deliveries} deliveries from ${flags.from}; ${target ? `Replay sends to ${target}` : 'pass --forward-to to replay'}. Ctrl-C stops.`,
      ),
    );
    const signals = handleStopSignals();
    await signals.first;
    signals.dispose();
    await inspector.close();
  }
}
