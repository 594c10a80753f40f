import { isHttpUrl } from '../shared/http-url.js';

/**
 * The answer a `link_swap` endpoint gives Salesloft: for each link of the email it wants changed,
 * the old URL (as Salesloft sent it) and the new one. `{ links: {} }` changes nothing.
 */
export interface LinkSwapAnswer {
  links: Record<string, string>;
}

/** What Salesloft would make of an answer to a link_swap delivery. */
export interface LinkSwapVerdict {
  valid: boolean;
  /** Why it is not a usable answer; null when it is. */
  reason: string | null;
  /** The replacements it asks for (old → new), when it is valid. */
  links: Record<string, string>;
}

/** The answer that changes nothing, as bytes on the wire. */
export const UNCHANGED_LINKS_ANSWER = '{"links":{}}';

/** The links a link_swap delivery carries (`links: ["https://…", …]`); none when the body has none. */
export function linksSent(body: Uint8Array | string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body));
  } catch {
    return [];
  }
  const links = (parsed as { links?: unknown } | null)?.links;
  return Array.isArray(links) ? links.filter((link): link is string => typeof link === 'string') : [];
}

/**
 * Judges an answer as the Link Swapping guide describes it: a 2xx whose body is JSON with a `links`
 * object, each key one of the links sent and each value an http(s) URL.
 */
export function judgeLinkSwapAnswer(
  sent: readonly string[],
  answer: { status: number; body: Uint8Array | string; truncated?: boolean; limit?: number },
): LinkSwapVerdict {
  const invalid = (reason: string): LinkSwapVerdict => ({ valid: false, reason, links: {} });
  if (answer.status < 200 || answer.status >= 300) return invalid(`status ${answer.status}, not 2xx`);
  if (answer.truncated) return invalid(`the answer is over ${answer.limit ?? 'the'} bytes`);
  const text = typeof answer.body === 'string' ? answer.body : new TextDecoder().decode(answer.body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return invalid(
      text.trim() === '' ? 'the answer is empty, not {"links": {...}}' : 'the answer is not JSON',
    );
  }
  const links = (parsed as { links?: unknown } | null)?.links;
  if (links === null || typeof links !== 'object' || Array.isArray(links)) {
    return invalid('the answer has no "links" object');
  }
  const known = new Set(sent);
  const replacements: Record<string, string> = {};
  for (const [old, replacement] of Object.entries(links)) {
    if (!known.has(old)) return invalid(`"${old}" is not one of the links sent`);
    if (typeof replacement !== 'string' || !isHttpUrl(replacement)) {
      return invalid(`the replacement of "${old}" is not an http(s) URL`);
    }
    replacements[old] = replacement;
  }
  return { valid: true, reason: null, links: replacements };
}
