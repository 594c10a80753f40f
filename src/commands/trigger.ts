import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import type { LinkSwapVerdict } from '../../packages/webhooks/src/catalog/link-swap.js';
import { BaseCommand } from '../cli/base-command.js';
import {
  checkInsecure,
  completing,
  EVENT_COMPLETIONS,
  insecureFlag,
  tokenApiUrlFlag,
  tokenFileFlag,
} from '../cli/flags.js';
import { sentLine } from '../cli/render/deliveries.js';
import { sessionDeliveryId } from '../send/through-listen.js';
import { ExitCode, UsageError } from '../shared/errors.js';
import { parseForwardTarget } from '../shared/urls.js';

export interface TriggerResult {
  deliveries: { event_type: string; status: number; ms: number; link_swap?: LinkSwapVerdict }[];
}

export default class Trigger extends BaseCommand<TriggerResult> {
  static override summary = 'Send realistic signed sample deliveries of event types to a URL.';
  static override description =
    `Signed exactly as Salesloft signs (hex HMAC-SHA1 of the body in x-salesloft-signature), with the
same callback token as \`listen\` unless --token or SALESLOFT_CALLBACK_TOKEN says otherwise.
EVENT is an event type, a glob (person_*) or all: one delivery of each matched type.
Exits 1 when the handler answers outside 2xx.`;

  static override examples = [
    '<%= config.bin %> trigger person_updated --to localhost:3000/webhooks',
    '<%= config.bin %> trigger "person_*" --to http://localhost:3000/webhooks --set first_name=Ada --set account.id=42',
    '<%= config.bin %> trigger task_completed --to http://localhost:3000/webhooks --data task.json --count 3',
    'cat task.json | <%= config.bin %> trigger task_completed --to http://localhost:3000/webhooks --data -',
  ];

  static override args = {
    event: completing(
      Args.string({ description: 'event type, glob (person_*) or all', required: true }),
      EVENT_COMPLETIONS,
    ),
  };
  static override flags = {
    to: Flags.string({
      description:
        'URL of the webhook handler (localhost:3000/path and :3000/path work; default: the running listen session)',
    }),
    session: Flags.string({
      description: 'the listen session to deliver to, when several are running (its id)',
    }),
    print: Flags.boolean({
      description:
        'write the sample body to stdout instead of sending it (edit it, then send it with --data -)',
      exclusive: ['to', 'data', 'count'],
    }),
    token: Flags.string({
      description:
        'callback token to sign with [env: SALESLOFT_CALLBACK_TOKEN] (default: the one listen uses)',
    }),
    'token-file': tokenFileFlag,
    count: Flags.integer({
      description: 'how many deliveries of each event type (a fresh sample each)',
      default: 1,
      min: 1,
      max: 10_000,
    }),
    data: Flags.string({
      helpValue: '<file>',
      description: 'send this file’s bytes (- for stdin), unchanged, instead of a sample',
    }),
    set: Flags.string({
      description: 'override a field of the sample: path=value (JSON when it parses, else text); repeatable',
      multiple: true,
    }),
    'api-url': tokenApiUrlFlag,
    insecure: insecureFlag,
    force: Flags.boolean({
      description: 'through listen: send an event type the session did not subscribe',
    }),
  };

  async run(): Promise<TriggerResult> {
    const { args, flags } = await this.parse(Trigger);
    if (flags.print && this.jsonEnabled()) {
      throw new UsageError('--print writes the body itself: leave out --json.', 'print_with_json');
    }
    const { sampleBodies, trigger, triggerEvents } = await import('../send/trigger.js');
    const { parseOverride } = await import('../send/overrides.js');
    const eventTypes = triggerEvents(args.event);
    const overrides = (flags.set ?? []).map(parseOverride);
    if (flags.print) {
      const bodies = sampleBodies(eventTypes, overrides, (message) => this.warning(message));
      // The body itself, as it would be sent: one JSON document a line (one line for one event type).
      process.stdout.write(`${bodies.map((body) => body.toString('utf8')).join('\n')}\n`);
      return { deliveries: [] };
    }
    // A bad --to is refused before a token is created or a session looked for.
    const explicit = flags.to === undefined ? undefined : parseForwardTarget(flags.to, '--to');
    checkInsecure(flags.insecure, explicit);
    const settings = this.resolveSettings(flags);
    const signing = await this.callbackToken(flags, settings);
    this.noteSigningToken(signing);
    let url = explicit;
    if (url === undefined) {
      const { checkSubscribed, listenTarget } = await import('../listen/session-target.js');
      const session = await listenTarget(settings.stateDir, signing.token, flags.session);
      checkSubscribed(session, eventTypes, flags.force);
      url = session.url;
    }
    const outcomes = await trigger({
      eventTypes,
      url,
      token: signing.token,
      count: flags.count,
      dataFile: flags.data,
      overrides,
      insecure: flags.insecure,
      onWarning: (message) => this.warning(message),
      onSent: (index, outcome) => {
        // Through listen, the session's number for it (what listen's own line says).
        if (!this.jsonEnabled())
          this.log(sentLine(sessionDeliveryId(outcome) ?? index + 1, outcome.event_type, outcome, this.out));
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
      deliveries: outcomes.map((outcome) => {
        const { event_type, status, ms, link_swap } = outcome;
        const listenId = sessionDeliveryId(outcome);
        return {
          event_type,
          status,
          ms,
          ...(link_swap ? { link_swap } : {}),
          ...(listenId === undefined ? {} : { listen_id: listenId }),
        };
      }),
    };
  }
}
