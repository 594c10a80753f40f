import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../cli/base-command.js';
import { tokenApiUrlFlag, tokenFileFlag } from '../cli/flags.js';
import { doctorLine, doctorTally } from '../cli/render/doctor.js';
import type { DoctorCheck, DoctorReport } from '../doctor/run.js';
import { ExitCode } from '../shared/errors.js';
import { parseForwardTarget } from '../shared/urls.js';

export default class Doctor extends BaseCommand<
  Omit<DoctorReport, 'checks'> & { checks: Omit<DoctorCheck, 'sent' | 'excerpt'>[] }
> {
  static override summary =
    'Check that a webhook handler verifies signatures and survives what Salesloft sends.';
  static override description =
    `Sends a short series of deliveries to URL (a valid one, forgeries, a retry, an unknown event type,
a 256 KiB body) and prints a scorecard. Each carries the header x-salesloft-hooks-doctor: 1 and sample
ids, so a handler can ignore them; still, run it against development or staging, not production.
Exit 0 when no check fails, 1 when one does, 4 when the URL cannot be reached.`;
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
    event: Flags.string({ char: 'e', description: 'event type of the samples', default: 'person_updated' }),
    timeout: Flags.integer({ description: 'seconds to wait for each answer', default: 10, min: 1, max: 120 }),
    'api-url': tokenApiUrlFlag,
  };

  async run() {
    const { flags } = await this.parse(Doctor);
    const url = parseForwardTarget(flags.to, '--to');
    const settings = this.resolveSettings(flags);
    const signing = await this.callbackToken(flags, settings);
    this.noteSigningToken(signing);
    const { token } = signing;
    const [{ triggerEvents }, { samplePayload }, { runDoctor }] = await Promise.all([
      import('../send/trigger.js'),
      import('../library/samples.js'),
      import('../doctor/run.js'),
    ]);
    const [eventType = 'person_updated'] = triggerEvents(flags.event);
    const report = await runDoctor({
      url,
      token,
      eventType,
      body: Buffer.from(JSON.stringify(samplePayload(eventType))),
      timeoutMs: flags.timeout * 1000,
      onCheck: (check) => {
        if (!this.jsonEnabled()) this.log(doctorLine(check, this.out));
      },
    });
    if (!this.jsonEnabled()) this.log(`\n${doctorTally(report.checks)}`);
    if (!report.passed) this.setExitCode(ExitCode.negative);
    return {
      checks: report.checks.map(({ sent: _sent, excerpt: _excerpt, ...check }) => check),
      passed: report.passed,
    };
  }
}
