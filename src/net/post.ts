import { Agent, type Dispatcher } from 'undici';
import { readCappedBody } from './body.js';

export interface PostAnswer {
  status: number;
  ms: number;
  /** The start of the answer's body on one line, for a human to see what the handler said. */
  excerpt: string;
}

let shared: Agent | undefined;

/** For callers that bring no dispatcher: one keep-alive agent, as undici's global one would be. */
function sharedAgent(): Agent {
  shared ??= new Agent();
  return shared;
}

const EXCERPT_CHARS = 120;
const READ_LIMIT = 64 * 1024;

/**
 * The one timed POST of a webhook delivery (trigger, replay, the forwarder, the emulator): the
 * exact bytes with the given headers, the whole exchange bounded by `timeoutMs`. Network failures
 * are thrown as they come; describe them with `networkReason`.
 */
export async function timedPost(
  url: string,
  body: Uint8Array,
  headers: Record<string, string>,
  options: { timeoutMs: number; dispatcher?: Dispatcher },
): Promise<PostAnswer> {
  const started = performance.now();
  const target = new URL(url);
  const response = await (options.dispatcher ?? sharedAgent()).request({
    origin: target.origin,
    path: `${target.pathname}${target.search}`,
    method: 'POST',
    body,
    headers,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  const answer = await readCappedBody(response.body, READ_LIMIT);
  if (answer === undefined) response.body.destroy();
  const text = (answer ?? Buffer.alloc(0)).toString('utf8');
  return {
    status: response.statusCode,
    ms: Math.round(performance.now() - started),
    excerpt: text.replace(/\s+/g, ' ').trim().slice(0, EXCERPT_CHARS),
  };
}
