import { WebhookError } from './errors.js';

/** The status and the one-line text a receiver answers for a delivery's outcome. */
export function answerFor(error: unknown): { status: number; text: string } {
  if (error === undefined) return { status: 200, text: 'ok' };
  if (error instanceof WebhookError) return { status: error.status, text: error.message };
  return { status: 500, text: 'Internal Server Error' };
}

/** Whether a request's path is the one the receiver serves (the query is ignored; no path: any). */
export function servesPath(url: string | undefined, path: string | undefined): boolean {
  if (path === undefined) return true;
  const pathname = (url ?? '/').split('?')[0] ?? '/';
  return pathname === path || pathname === `${path.replace(/\/$/, '')}/`;
}
