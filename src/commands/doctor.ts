import * as Flags from '@oclif/core/flags';
import { isCatalogEvent } from '../../packages/webhooks/src/catalog/event-types.js';
import { BaseCommand } from '../cli/base-command.js';
import {
  checkInsecure,
  completing,
  EVENT_COMPLETIONS,
  insecureFlag,
  tokenApiUrlFlag,
  tokenFileFlag,
} from '../cli/flags.js';
import { doctorHeader, doctorLine, doctorTally } from '../cli/render/doctor.js';
import type { DoctorResult } from '../doctor/run.js';
import { ExitCode } from '../shared/errors.js';
import { parseForwardTarget } from '../shared/urls.js';

export default class Doctor extends BaseCommand<DoctorResult> {
  static override summary =
    'Check that a webhook handler verifies signatures and survives what Salesloft sends.';
  static override description =
    `Sends a short series of deliveries to URL (a valid one, forgeries, a retry, an unknown event type,
a 256 KiB body) and prints a scorecard. Each carries the header x-salesloft-hooks-doctor: 1 and sample
ids, so a handler can ignore them; still, run it against development or staging, not production.
A 404, 405 or redirect to the valid delivery stops the run (no route at this URL). Exit 0 when no
check fails, 1 when one does or the run stopped, 4 when the URL cannot be reached.`;
  static override examples = [
    '<%= config.bin %> doctor --to localhost:3000/webhooks/salesloft',
    '<%= config.bin %> doctor --to https://staging.example.com/webhooks/salesloft --token-file token.txt --json',
  ];

  static override flags = {
    to: Flags.string({ description: 'URL of the webhook handler', required: true }),
    token: Flags.string({
      description:
        'the handler’s callback token [env: SALESLOFT_CALLBACK_TOKEN] (default: the one listen uses)',
    }),
    'token-file': tokenFileFlag,
    event: completing(
      Flags.string({ char: 'e', description: 'event type of the samples', default: 'person_updated' }),
      EVENT_COMPLETIONS.filter((name) => name !== 'all'),
    ),
    timeout: Flags.integer({ description: 'seconds to wait for each answer', default: 10, min: 1, max: 120 }),
    'api-url': tokenApiUrlFlag,
    insecure: insecureFlag,
  };

  async run() {
    const { flags } = await this.parse(Doctor);
    const url = parseForwardTarget(flags.to, '--to');
    checkInsecure(flags.insecure, url);
    const settings = this.resolveSettings(flags);
    const signing = await this.callbackToken(flags, settings);
    this.noteSigningToken(signing);
    const { token } = signing;
    const [{ triggerEvents }, { runDoctor }, { catchesReserialising, railsSample }] = await Promise.all([
      import('../send/trigger.js'),
      import('../doctor/run.js'),
      import('../doctor/rails-json.js'),
    ]);
    const matching = triggerEvents(flags.event).filter(isCatalogEvent);
    const [eventType = 'person_updated'] = matching;
    if (matching.length > 1) {
      this.note(`Using ${eventType}, the first of ${matching.length} event types matching ${flags.event}.`);
    }
    if (!catchesReserialising(eventType)) {
      this.warning(
        `${eventType} samples carry nothing Rails escapes, so a handler that verifies a re-serialised body is not caught with it; run doctor with the default --event too.`,
      );
    }
    const width = process.stdout.columns ?? 100;
    if (!this.jsonEnabled()) this.log(doctorHeader(this.out));
    const report = await runDoctor({
      url,
      insecure: flags.insecure,
      token,
      eventType,
      freshBody: () => railsSample(eventType),
      timeoutMs: flags.timeout * 1000,
      onCheck: (check) => {
        if (!this.jsonEnabled()) this.log(doctorLine(check, this.out, width));
      },
    });
    if (!this.jsonEnabled()) {
      this.log(
        report.stopped === null
          ? `\n${doctorTally(report.checks)}`
          : '\nDoctor stopped: no handler answered at this URL, so the forgery checks would prove nothing.',
      );
    }
    if (!report.passed) this.setExitCode(ExitCode.negative);
    return {
      checks: report.checks.map(({ sent: _sent, excerpt: _excerpt, ...check }) => check),
      passed: report.passed,
      stopped: report.stopped,
    };
  }
}
