import type { ChalkInstance } from 'chalk';
import { safeText } from '../../../packages/webhooks/src/shared/text.js';
import type { DoctorCheck } from '../../doctor/run.js';

const NAME = 27;
const EXPECTED = 12;
const INDENT = '      ';
/** Below this the table cannot shrink further; lines then wrap as the terminal wraps them. */
const NARROWEST = 60;

/** The table's head: `      check   expected   got`. */
export function doctorHeader(color: ChalkInstance): string {
  return color.dim(`${INDENT}${'check'.padEnd(NAME)} ${'expected'.padEnd(EXPECTED)} got`);
}

/**
 * One row of the scorecard, within `width` columns:
 * `FAIL  wrong signature             401 or 403   200 in 3 ms "ok"`, and for a warning or a
 * failure, what was sent and the note, indented under it and wrapped at the width.
 */
export function doctorLine(check: DoctorCheck, color: ChalkInstance, width: number): string {
  const columns = Math.max(NARROWEST, width);
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
  const expected = check.expected.length > EXPECTED ? '' : check.expected;
  const row = `${check.name.padEnd(NAME)} ${expected.padEnd(EXPECTED)} ${got}`;
  const room = columns - INDENT.length - row.length - 1;
  const answer =
    check.excerpt && room > 8 ? ` ${color.dim(safeText(JSON.stringify(check.excerpt), room))}` : '';
  const lines = [`${mark}  ${row}${answer}`];
  if (check.result !== 'pass') {
    const details = [check.note, `sent ${check.sent}; expected ${check.expected}`];
    for (const detail of details.filter(Boolean)) {
      for (const line of wrap(safeText(detail), columns - INDENT.length)) lines.push(`${INDENT}${line}`);
    }
  }
  return lines.join('\n');
}

/** `Doctor: 6 pass, 0 warn, 3 FAIL.` */
export function doctorTally(checks: readonly DoctorCheck[]): string {
  const tally = (result: DoctorCheck['result']) => checks.filter((check) => check.result === result).length;
  return `Doctor: ${tally('pass')} pass, ${tally('warn')} warn, ${tally('fail')} FAIL.`;
}

/** Words in lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
