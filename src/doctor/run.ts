import { sign } from '../../packages/webhooks/src/catalog/signature.js';
import { networkReason } from '../../packages/webhooks/src/net/errors.js';
import { type PostAnswer, timedPost } from '../net/post.js';
import { untrustedCertificateHint } from '../net/tls-hint.js';
import { NetworkError } from '../shared/errors.js';
import {
  type CheckPlan,
  type CheckResult,
  checkHeaders,
  doctorChecks,
  ok,
  RESERIALISES,
  refused,
  SLOW_MS,
  VALID_CHECK,
} from './checks.js';

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
  /** Why the run stopped after the valid delivery (no route at the URL), or null when it ran through. */
  stopped: string | null;
}

/** `doctor --json`: the report without the human-only words. */
export type DoctorResult = Omit<DoctorReport, 'checks'> & { checks: Omit<DoctorCheck, 'sent' | 'excerpt'>[] };

interface DoctorOptions {
  url: string;
  token: string;
  eventType: string;
  /** A fresh signed-to-be sample body for each check (a new resource id each time). */
  freshBody: () => Buffer;
  timeoutMs: number;
  /** `--insecure`: accept a loopback https target's self-signed certificate. */
  insecure?: boolean;
  onCheck?: (check: DoctorCheck) => void;
}

/**
 * Sends the conformance checks to a handler, one after the other, and judges each answer. A
 * handler that cannot be reached at all is a NetworkError (exit 4); one with no route at the URL
 * (404, 405, a redirect) stops the run after the valid delivery, since every forgery would "pass".
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const plans = doctorChecks(options);
  const checks: DoctorCheck[] = [];
  const answers = new Map<string, PostAnswer>();
  const report = (check: DoctorCheck) => {
    checks.push(check);
    options.onCheck?.(check);
  };
  for (const plan of plans) {
    const base = { name: plan.name, expected: plan.expected, sent: plan.sent };
    let answer: PostAnswer;
    try {
      answer = await send(options, plan);
    } catch (error) {
      if (checks.length === 0 && !(error instanceof Error && error.name === 'TimeoutError')) {
        throw new NetworkError(
          `Cannot reach ${untrustedCertificateHint(error, new URL(options.url).host, '--insecure') ?? `${new URL(options.url).host}: ${networkReason(error, options.timeoutMs)}`}`,
          { cause: error },
        );
      }
      report({
        ...base,
        result: 'fail',
        status: null,
        ms: null,
        excerpt: '',
        note: networkReason(error, options.timeoutMs),
      });
      continue;
    }
    const answered = { ...base, status: answer.status, ms: answer.ms, excerpt: answer.excerpt };
    if (plan.name === VALID_CHECK) {
      const noRoute = noRouteReason(answer);
      if (noRoute !== null) {
        report({ ...answered, result: 'fail', note: noRoute });
        return { checks, passed: false, stopped: noRoute };
      }
    }
    const verdict = plan.judge(answer, answers);
    answers.set(plan.name, answer);
    // Refused (a 4xx), not a 2xx whose link_swap answer was wrong: was it the bytes it verified?
    if (plan.name === VALID_CHECK && verdict.result === 'fail' && refused(answer.status)) {
      if (await acceptsCompact(options)) verdict.note = RESERIALISES;
    }
    report({ ...answered, ...verdict });
  }
  report(responseTime(checks, options.timeoutMs));
  return { checks, passed: checks.every((check) => check.result !== 'fail'), stopped: null };
}

function send(options: DoctorOptions, plan: Pick<CheckPlan, 'body' | 'headers'>): Promise<PostAnswer> {
  return timedPost(options.url, plan.body, plan.headers, {
    timeoutMs: options.timeoutMs,
    insecure: options.insecure === true,
  });
}

/** 404, 405 or a redirect to a valid delivery: nothing at this URL takes webhooks. */
function noRouteReason(answer: PostAnswer): string | null {
  if (answer.status === 404 || answer.status === 405) {
    return `no route at this URL: the handler answered ${answer.status} to a valid POST; check the path${answer.status === 405 ? ' and that it takes POST' : ''}`;
  }
  if (answer.status >= 300 && answer.status < 400) {
    const location = answer.response.headers.location;
    return `no route at this URL: it redirects${location ? ` to ${location}` : ''}, and Salesloft does not follow redirects; use the final URL`;
  }
  return null;
}

/**
 * The probe that makes the diagnosis certain: the same kind of event, written as
 * `JSON.stringify` writes it (the bytes a re-serialising handler signs), correctly signed. If
 * that is accepted when the Rails-written one was not, the handler verifies a re-serialised body.
 */
async function acceptsCompact(options: DoctorOptions): Promise<boolean> {
  const body = Buffer.from(JSON.stringify(JSON.parse(options.freshBody().toString('utf8'))));
  try {
    const answer = await send(options, {
      body,
      headers: checkHeaders(options.eventType, sign(body, options.token)),
    });
    return ok(answer.status);
  } catch {
    return false;
  }
}

/** Check 9: every answer within the timeout, and warn above 3 s (Salesloft retries slow handlers). */
function responseTime(checks: readonly DoctorCheck[], timeoutMs: number): DoctorCheck {
  const times = checks.map((check) => check.ms).filter((ms): ms is number => ms !== null);
  const slowest = times.length > 0 ? Math.max(...times) : null;
  const unanswered = checks.filter((check) => check.status === null).length;
  const base = {
    name: 'response time',
    expected: `under ${SLOW_MS / 1000} s`,
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
