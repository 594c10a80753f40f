import { judgeLinkSwapAnswer, linksSent } from '../../packages/webhooks/src/catalog/link-swap.js';
import { deliveryHeadersWith, hmacHex, sign } from '../../packages/webhooks/src/catalog/signature.js';
import { salesloftTime } from '../../packages/webhooks/src/samples/context.js';
import { railsJson } from '../../packages/webhooks/src/samples/rails-json.js';
import { ANSWER_READ_LIMIT, type PostAnswer } from '../net/post.js';

export type CheckResult = 'pass' | 'warn' | 'fail';

/** One request doctor sends, and how the handler's answer is judged. */
export interface CheckPlan {
  name: string;
  /** What was sent, in words. */
  sent: string;
  expected: string;
  body: Buffer;
  headers: Record<string, string>;
  /** The handler's answer, judged; `earlier` holds the answers to the checks before it, by name. */
  judge(answer: PostAnswer, earlier: ReadonlyMap<string, PostAnswer>): { result: CheckResult; note: string };
}

/** Marks doctor's deliveries as test traffic, so a handler can recognise and ignore them. */
export const DOCTOR_HEADER = 'x-salesloft-hooks-doctor';
export const SLOW_MS = 3_000;
export const VALID_CHECK = 'valid signature';
const RETRY_CHECK = 'retried delivery';
/** Dropping a newer update of a record it has seen: what deduplicating by `id` alone does. */
export const DROPS_UPDATES =
  'the handler drops a newer update of a record it has seen: deliveries carry no event id, so dedupe on id and updated_at together, never id alone';
const UNKNOWN_EVENT = 'salesloft_hooks_doctor_unknown_event';
const LARGE_FIELD_BYTES = 256 * 1024;

/** Rejecting the valid delivery, when the compact probe did not settle why. */
export const REJECTS_VALID =
  'the handler rejects a valid delivery: it has another token, or it verifies something other than the raw body';
/** Rejecting the valid delivery but accepting the same event written compactly: certain. */
export const RESERIALISES =
  'the handler verifies a re-serialised body: it signs JSON.stringify of the parsed body, whose bytes differ from what Salesloft sends (\\u0026, \\u003c); verify the raw request body';

export const ok = (status: number) => status >= 200 && status < 300;
export const refused = (status: number) => status >= 400 && status < 500;

/** A delivery's headers (signature as given, or none) marked as doctor's test traffic. */
export function checkHeaders(event: string, signature: string | undefined): Record<string, string> {
  return { ...deliveryHeadersWith(event, signature), [DOCTOR_HEADER]: '1' };
}

/**
 * The conformance checks, in the order they are sent. Each carries a fresh sample (`freshBody`: a
 * new resource id, so a handler that refuses a resource it has seen is not blamed for every check),
 * except the retry, which repeats the valid delivery byte for byte, and the update, which is the
 * same record again with a newer `updated_at`.
 */
export function doctorChecks(input: {
  eventType: string;
  token: string;
  freshBody: () => Buffer;
}): CheckPlan[] {
  const { eventType, token, freshBody } = input;
  const valid = freshBody();
  const validSignature = sign(valid, token);
  const signed = (bytes: Buffer, event = eventType) => ({
    body: bytes,
    headers: checkHeaders(event, sign(bytes, token)),
  });
  const plans: CheckPlan[] = [
    {
      name: VALID_CHECK,
      sent: `a signed ${eventType} sample, as Rails writes JSON (\\u0026, \\u003c)`,
      expected: eventType === 'link_swap' ? '2xx + links' : '2xx',
      body: valid,
      headers: checkHeaders(eventType, validSignature),
      judge: ({ status, response }) => {
        if (!ok(status)) {
          return {
            result: 'fail',
            note: refused(status) ? REJECTS_VALID : 'the handler fails on a valid delivery',
          };
        }
        if (eventType !== 'link_swap') return PASS;
        const verdict = judgeLinkSwapAnswer(linksSent(valid), {
          ...response,
          status,
          limit: ANSWER_READ_LIMIT,
        });
        return verdict.valid
          ? PASS
          : { result: 'fail', note: `Salesloft cannot use this link_swap answer: ${verdict.reason}` };
      },
    },
    {
      name: 'wrong signature',
      sent: 'a fresh sample signed with another token',
      expected: '401 or 403',
      ...forged(freshBody(), (bytes) => sign(bytes, `${token}-wrong`)),
      judge: ({ status }) =>
        status === 401 || status === 403
          ? PASS
          : ok(status)
            ? { result: 'fail', note: 'the handler accepts forgeries: anyone can post fake events to it' }
            : { result: 'warn', note: 'refused, but 401 or 403 says why' },
    },
    {
      name: 'no signature',
      sent: 'a fresh sample without x-salesloft-signature',
      expected: '4xx',
      ...forged(freshBody(), () => undefined),
      judge: mustRefuse('the handler accepts deliveries that carry no signature'),
    },
    {
      name: 'SHA-256 signature',
      sent: 'a fresh sample signed with HMAC-SHA256 instead of SHA-1',
      expected: '4xx',
      ...forged(freshBody(), (bytes) => hmacHex('sha256', bytes, token)),
      judge: mustRefuse('the handler accepts any hex: it does not compare the HMAC-SHA1'),
    },
    {
      name: 'signature letter case',
      sent: 'a fresh sample, its signature in upper case',
      expected: '2xx',
      ...forged(freshBody(), (bytes) => sign(bytes, token).toUpperCase()),
      judge: mustAccept(
        'warn',
        'Salesloft sends lower-case hex, but comparing hex case-insensitively is the safe habit',
      ),
    },
    {
      name: RETRY_CHECK,
      sent: 'the valid delivery again, byte for byte (a Salesloft retry)',
      expected: '2xx',
      body: valid,
      headers: checkHeaders(eventType, validSignature),
      judge: (answer) =>
        answer.status >= 500
          ? { result: 'fail', note: 'a retry fails: handling the same delivery twice must be safe' }
          : mustAccept(
              'warn',
              'a retry is refused: Salesloft retries failed deliveries with the same bytes',
            )(answer),
    },
    {
      name: 'update of the same record',
      sent: 'the valid delivery’s record again with a newer updated_at (a later change)',
      expected: '2xx',
      ...signed(newerUpdate(valid)),
      judge: (answer, earlier) => {
        const first = earlier.get(VALID_CHECK);
        if (!first || !ok(first.status)) {
          return { result: 'warn', note: 'not judged: the first delivery of this record was not accepted' };
        }
        if (!ok(answer.status)) return { result: 'fail', note: DROPS_UPDATES };
        // Only the answers show what the handler did: an update answered as the retry was (when
        // the retry was answered otherwise than the first delivery) was taken for a duplicate.
        const retry = earlier.get(RETRY_CHECK);
        if (retry && !sameAnswer(retry, first) && sameAnswer(answer, retry)) {
          return { result: 'fail', note: DROPS_UPDATES };
        }
        return PASS;
      },
    },
    {
      name: 'unknown event type',
      sent: `a fresh sample as ${UNKNOWN_EVENT}`,
      expected: '2xx',
      ...signed(freshBody(), UNKNOWN_EVENT),
      judge: mustAccept('warn', 'a new event type breaks the handler, and Salesloft retries it for nothing'),
    },
    {
      name: 'large body, unknown fields',
      sent: 'a fresh sample with extra fields and a 256 KiB string',
      expected: '2xx',
      ...signed(withLargeFields(freshBody())),
      judge: mustAccept(
        'fail',
        'a large body or unknown fields break the handler (an email body can be this large)',
      ),
    },
  ];
  return plans;

  function forged(bytes: Buffer, signature: (bytes: Buffer) => string | undefined) {
    return { body: bytes, headers: checkHeaders(eventType, signature(bytes)) };
  }
}

/** The same record with `updated_at` one second later, as Salesloft sends a later change of it. */
function newerUpdate(body: Buffer): Buffer {
  const record = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  const updated = typeof record.updated_at === 'string' ? Date.parse(record.updated_at) : Number.NaN;
  record.updated_at = salesloftTime((Number.isNaN(updated) ? Date.now() : updated) + 1_000);
  return Buffer.from(railsJson(record));
}

/** Two answers a handler gave alike: the same status and the same words. */
function sameAnswer(a: PostAnswer, b: PostAnswer): boolean {
  return a.status === b.status && a.excerpt === b.excerpt;
}

/** The body with an unknown nested field and a 256 KiB string added before its closing brace. */
function withLargeFields(body: Buffer): Buffer {
  const text = body.toString('utf8').trimEnd();
  const extra = `"doctor_unknown_field":{"nested":[1,"two",null]},"body":"${'x'.repeat(LARGE_FIELD_BYTES)}"`;
  const open = text.slice(0, -1);
  return Buffer.from(`${open}${open.trimEnd().endsWith('{') ? '' : ','}${extra}}`);
}

type Verdict = { result: CheckResult; note: string };
const PASS: Verdict = { result: 'pass', note: '' };

/** A forgery must be refused with a 4xx: accepting it fails; a server error is a warning. */
function mustRefuse(acceptedNote: string) {
  return ({ status }: Pick<PostAnswer, 'status'>): Verdict =>
    refused(status)
      ? PASS
      : ok(status)
        ? { result: 'fail', note: acceptedNote }
        : { result: 'warn', note: 'refused with a server error; a 4xx says why' };
}

/** A good delivery must get a 2xx; anything else is `result` with the note. */
function mustAccept(result: CheckResult, note: string) {
  return ({ status }: Pick<PostAnswer, 'status'>): Verdict => (ok(status) ? PASS : { result, note });
}
