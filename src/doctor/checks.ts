import { hmacHex, sign } from '../catalog/signature.js';

export type CheckResult = 'pass' | 'warn' | 'fail';

/** One request doctor sends, and how the handler's answer is judged. */
export interface CheckPlan {
  name: string;
  /** What was sent, in words. */
  sent: string;
  expected: string;
  body: Buffer;
  headers: Record<string, string>;
  judge(status: number): { result: CheckResult; note: string };
}

/** Marks doctor's deliveries as test traffic, so a handler can recognise and ignore them. */
export const DOCTOR_HEADER = 'x-salesloft-hooks-doctor';
export const SLOW_MS = 3_000;
const UNKNOWN_EVENT = 'salesloft_hooks_doctor_unknown_event';

const ok = (status: number) => status >= 200 && status < 300;
const refused = (status: number) => status >= 400 && status < 500;

/** The conformance checks of issue #17, in the order they are sent. */
export function doctorChecks(input: {
  eventType: string;
  token: string;
  body: Buffer;
  largeBody: Buffer;
}): CheckPlan[] {
  const { eventType, token, body } = input;
  const headers = (event: string, signature: string | undefined): Record<string, string> => ({
    'content-type': 'application/json',
    'x-salesloft-event': event,
    ...(signature === undefined ? {} : { 'x-salesloft-signature': signature }),
    [DOCTOR_HEADER]: '1',
  });
  const valid = sign(body, token);
  return [
    {
      name: 'valid signature',
      sent: `a signed ${eventType} sample`,
      expected: '2xx',
      body,
      headers: headers(eventType, valid),
      judge: (status) =>
        ok(status)
          ? PASS
          : {
              result: 'fail',
              note: refused(status)
                ? 'the handler rejects a valid delivery: usually a JSON body parser re-serialized the body before the check (verify the raw bytes), or the handler has another token'
                : 'the handler fails on a valid delivery',
            },
    },
    {
      name: 'wrong signature',
      sent: 'the same body with a signature made with another token',
      expected: '401 or 403',
      body,
      headers: headers(eventType, sign(body, `${token}-wrong`)),
      judge: (status) =>
        status === 401 || status === 403
          ? PASS
          : ok(status)
            ? { result: 'fail', note: 'the handler accepts forgeries: anyone can post fake events to it' }
            : { result: 'warn', note: 'refused, but 401 or 403 says why' },
    },
    {
      name: 'no signature',
      sent: 'the same body without x-salesloft-signature',
      expected: '4xx',
      body,
      headers: headers(eventType, undefined),
      judge: mustRefuse('the handler accepts deliveries that carry no signature'),
    },
    {
      name: 'SHA-256 signature',
      sent: 'the same body signed with HMAC-SHA256 instead of SHA-1',
      expected: '4xx',
      body,
      headers: headers(eventType, hmacHex('sha256', body, token)),
      judge: mustRefuse('the handler accepts any hex: it does not compare the HMAC-SHA1'),
    },
    {
      name: 'signature letter case',
      sent: 'the valid signature in upper case',
      expected: '2xx',
      body,
      headers: headers(eventType, valid.toUpperCase()),
      judge: mustAccept(
        'warn',
        'Salesloft sends lower-case hex, but comparing hex case-insensitively is the safe habit',
      ),
    },
    {
      name: 'retried delivery',
      sent: 'the valid delivery again, byte for byte (a Salesloft retry)',
      expected: '2xx',
      body,
      headers: headers(eventType, valid),
      judge: (status) =>
        status >= 500
          ? { result: 'fail', note: 'a retry fails: handling the same delivery twice must be safe' }
          : mustAccept(
              'warn',
              'a retry is refused: Salesloft retries failed deliveries with the same bytes',
            )(status),
    },
    {
      name: 'unknown event type',
      sent: `a valid delivery of ${UNKNOWN_EVENT}`,
      expected: '2xx',
      body,
      headers: headers(UNKNOWN_EVENT, valid),
      judge: mustAccept('warn', 'a new event type breaks the handler, and Salesloft retries it for nothing'),
    },
    {
      name: 'large body, unknown fields',
      sent: 'a valid delivery with extra fields and a 256 KiB string',
      expected: '2xx',
      body: input.largeBody,
      headers: headers(eventType, sign(input.largeBody, token)),
      judge: mustAccept(
        'fail',
        'a large body or unknown fields break the handler (an email body can be this large)',
      ),
    },
  ];
}

type Verdict = { result: CheckResult; note: string };
const PASS: Verdict = { result: 'pass', note: '' };

/** A forgery must be refused with a 4xx: accepting it fails; a server error is a warning. */
function mustRefuse(acceptedNote: string) {
  return (status: number): Verdict =>
    refused(status)
      ? PASS
      : ok(status)
        ? { result: 'fail', note: acceptedNote }
        : { result: 'warn', note: 'refused with a server error; a 4xx says why' };
}

/** A good delivery must get a 2xx; anything else is `result` with the note. */
function mustAccept(result: CheckResult, note: string) {
  return (status: number): Verdict => (ok(status) ? PASS : { result, note });
}
