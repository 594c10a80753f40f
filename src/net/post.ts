import { networkReason } from '../../packages/webhooks/src/net/errors.js';
import { ANSWER_READ_LIMIT } from '../../packages/webhooks/src/net/post.js';
import { NetworkError } from '../shared/errors.js';
import { isLoopbackUrl } from '../shared/urls.js';
import { keepAlivePool, sendRequest } from './http-request.js';
import { untrustedCertificateHint } from './tls-hint.js';
import type { Dispatcher } from './undici.js';

export interface PostAnswer {
  status: number;
  ms: number;
  /** The start of the answer's body on one line, for a human to see what the handler said. */
  excerpt: string;
  /** The answer as it came, for the inspector: its headers and body (at most 64 KiB). */
  response: { headers: Record<string, string>; body: Buffer; truncated: boolean };
}

const EXCERPT_CHARS = 120;

export { ANSWER_READ_LIMIT };

/**
 * The one timed POST of a webhook delivery (trigger, replay, the forwarder, the emulator): the
 * exact bytes with the given headers, the whole exchange bounded by `timeoutMs`. Network failures
 * are thrown as they come; describe them with `networkReason`.
 */
export async function timedPost(
  url: string | URL,
  body: Uint8Array,
  headers: Record<string, string>,
  options: { timeoutMs: number; dispatcher?: Dispatcher; insecure?: boolean },
): Promise<PostAnswer> {
  const started = performance.now();
  const dispatcher = options.dispatcher ?? (options.insecure ? selfSignedPool(String(url)) : undefined);
  const answer = await sendRequest(typeof url === 'string' ? new URL(url) : url, {
    method: 'POST',
    body,
    headers,
    ...(dispatcher ? { dispatcher } : {}),
    headersTimeoutMs: options.timeoutMs,
    bodyTimeoutMs: options.timeoutMs,
    limit: ANSWER_READ_LIMIT,
    deadlineMs: options.timeoutMs,
  });
  const answered = answer.body ?? answer.prefix ?? Buffer.alloc(0);
  const answeredHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined) answeredHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  let excerpt: string | undefined;
  return {
    status: answer.status,
    ms: Math.round(performance.now() - started),
    // Made when read: the forwarder shows it only for an answer of 400 or more.
    get excerpt() {
      excerpt ??= answered.toString('utf8').replace(/\s+/g, ' ').trim().slice(0, EXCERPT_CHARS);
      return excerpt;
    },
    response: { headers: answeredHeaders, body: answered, truncated: answer.body === undefined },
  };
}

let insecurePool: Dispatcher | undefined;

/**
 * `--insecure`: one pool that accepts any certificate, for a loopback https dev server only (the
 * commands refuse the flag for any other target; this checks again).
 */
function selfSignedPool(url: string): Dispatcher | undefined {
  if (!isLoopbackUrl(url)) return undefined;
  insecurePool ??= keepAlivePool({ idleMs: 4_000, insecure: true });
  return insecurePool;
}

/** POSTs `body` with `headers` to a webhook handler, as Salesloft would; network failures are exit 4. */
export async function postDelivery(
  url: string,
  body: Uint8Array,
  headers: Record<string, string>,
  options: { timeoutMs?: number; insecure?: boolean } = {},
): Promise<PostAnswer> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  try {
    return await timedPost(url, body, headers, { timeoutMs, insecure: options.insecure === true });
  } catch (error) {
    const host = new URL(url).host;
    const reason =
      untrustedCertificateHint(error, host, '--insecure') ?? `${host}: ${networkReason(error, timeoutMs)}`;
    throw new NetworkError(`Cannot deliver to ${reason}`, { cause: error });
  }
}
