import type { ChalkInstance } from 'chalk';
import type { DoctorCheck } from '../../doctor/run.js';
import { safeText } from '../../shared/text.js';

/** `FAIL  wrong signature   sent …; expected 401 or 403; got 200 in 3 ms "ok"` and its note. */
export function doctorLine(check: DoctorCheck, color: ChalkInstance): string {
  const mark =
    check.result === 'pass'
      ? color.green('pass')
      : check.result === 'warn'
        ? color.yellow('warn')
        : color.red('FAIL');
  const got =
    check.status === null
      ? check.ms === null
        ? 'no answer'
        : `slowest ${check.ms} ms`
      : `${check.status} in ${check.ms} ms`;
  const answer = check.excerpt ? color.dim(` ${safeText(JSON.stringify(check.excerpt), 80)}`) : '';
  const note = check.note ? `\n        ${safeText(check.note)}` : '';
  return `${mark}  ${check.name.padEnd(28)} ${color.dim(`sent ${check.sent}; expected ${check.expected};`)} got ${got}${answer}${note}`;
}

/** `Doctor: 6 pass, 0 warn, 3 FAIL.` */
export function doctorTally(checks: readonly DoctorCheck[]): string {
  const tally = (result: DoctorCheck['result']) => checks.filter((check) => check.result === result).length;
  return `Doctor: ${tally('pass')} pass, ${tally('warn')} warn, ${tally('fail')} FAIL.`;
}
