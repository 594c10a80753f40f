import type { LinkSwapAnswer } from '../catalog/link-swap.js';
import { WebhookError } from './errors.js';

/** What a receiver answers: a status, a content type and a body. */
export interface Answer {
  status: number;
  headers: { 'content-type': string };
  body: string;
}

/**
 * The answer Salesloft waits for on a `link_swap` delivery: `links` maps each link of the email to
 * swap (as it was sent) to its replacement; none, or `{}`, sends the email as written. For
 * `verifyWebhook` users: `res.writeHead(a.status, a.headers).end(a.body)`, or `new Response(a.body, a)`.
 */
export function linkSwapAnswer(links: Readonly<Record<string, string>> = {}): Answer {
  const answer: LinkSwapAnswer = { links: { ...links } };
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(answer) };
}

/** What a receiver answers for a delivery's outcome: the link_swap answer, `ok`, or the error's status and text. */
export function answerFor(outcome: { error: unknown } | { answer: LinkSwapAnswer | undefined }): Answer {
  if ('answer' in outcome) return outcome.answer ? linkSwapAnswer(outcome.answer.links) : text(200, 'ok');
  const { error } = outcome;
  if (error instanceof WebhookError) return text(error.status, error.message);
  return text(500, 'Internal Server Error');
}

function text(status: number, message: string): Answer {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `${message}\n` };
}

/** Whether a request's path is the one the receiver serves (the query is ignored; no path: any). */
export function servesPath(url: string | undefined, path: string | undefined): boolean {
  if (path === undefined) return true;
  const pathname = (url ?? '/').split('?')[0] ?? '/';
  return pathname === path || pathname === `${path.replace(/\/$/, '')}/`;
}
