import { networkReason } from '../net/errors.js';
import { timedPost } from '../net/post.js';
import { NetworkError } from '../shared/errors.js';
import { type CheckResult, doctorChecks, SLOW_MS } from './checks.js';

export interface DoctorCheck {
  name: string;
  result: CheckResult;
  expected: string;
  /** The handler's status, or null when it did not answer. */
  status: number | null;
  ms: number | null;
  note: string;
  /** What was sent, in words (human output). */
  sent: string;
  /** The start of the handler's answer. */
  excerpt: string;
}

export interface DoctorReport {
  checks: DoctorCheck[];
  passed: boolean;
}

/**
 * Sends the conformance checks to a handler, one after the other, and judges each answer. A
 * handler that cannot be reached at all is a NetworkError (exit 4).
 */
export async function runDoctor(options: {
  url: string;
  token: string;
  eventType: string;
  body: Buffer;
  timeoutMs: number;
  onCheck?: (check: DoctorCheck) => void;
}): Promise<DoctorReport> {
  const largeBody = Buffer.from(
    JSON.stringify({
      ...JSON.parse(options.body.toString('utf8')),
      doctor_unknown_field: { nested: [1, 'two', null] },
      body: 'x'.repeat(256 * 1024),
    }),
  );
  const plans = doctorChecks({
    eventType: options.eventType,
    token: options.token,
    body: options.body,
    largeBody,
  });
  const checks: DoctorCheck[] = [];
  let answered = 0;
  for (const plan of plans) {
    const base = { name: plan.name, expected: plan.expected, sent: plan.sent };
    let check: DoctorCheck;
    try {
      const answer = await timedPost(options.url, plan.body, plan.headers, { timeoutMs: options.timeoutMs });
      answered += 1;
      check = {
        ...base,
        ...plan.judge(answer.status),
        status: answer.status,
        ms: answer.ms,
        excerpt: answer.excerpt,
      };
    } catch (error) {
      if (
        answered === 0 &&
        checks.length === 0 &&
        !(error instanceof Error && error.name === 'TimeoutError')
      ) {
        throw new NetworkError(
          `Cannot reach ${new URL(options.url).host}: ${networkReason(error, options.timeoutMs)}`,
          {
            cause: error,
          },
        );
      }
      check = {
        ...base,
        result: 'fail',
        status: null,
        ms: null,
        excerpt: '',
        note: networkReason(error, options.timeoutMs),
      };
    }
    checks.push(check);
    options.onCheck?.(check);
  }
  const timing = responseTime(checks, options.timeoutMs);
  checks.push(timing);
  options.onCheck?.(timing);
  return { checks, passed: checks.every((check) => check.result !== 'fail') };
}

/** Check 9: every answer within the timeout, and warn above 3 s (Salesloft retries slow handlers). */
function responseTime(checks: readonly DoctorCheck[], timeoutMs: number): DoctorCheck {
  const times = checks.map((check) => check.ms).filter((ms): ms is number => ms !== null);
  const slowest = times.length > 0 ? Math.max(...times) : null;
  const unanswered = checks.filter((check) => check.status === null).length;
  const base = {
    name: 'response time',
    expected: `every answer within ${timeoutMs / 1000} s, best under ${SLOW_MS / 1000} s`,
    status: null,
    ms: slowest,
    sent: 'the checks above',
    excerpt: '',
  };
  if (unanswered > 0)
    return { ...base, result: 'fail', note: `${unanswered} got no answer within ${timeoutMs / 1000} s` };
  if (slowest !== null && slowest > SLOW_MS) {
    return {
      ...base,
      result: 'warn',
      note: 'slow: Salesloft may retry while the first attempt still runs; answer first, work later',
    };
  }
  return { ...base, result: 'pass', note: '' };
}
