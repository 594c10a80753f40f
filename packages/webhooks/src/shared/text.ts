/**
 * Orders ASCII names (event types, resources, scopes) by code unit: the order `localeCompare`
 * gives them, without loading ICU's collator, which costs about 12 ms on its first call.
 */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Outside data (payload fields, headers, URLs and messages from the API, YAML values) made safe
 * for a terminal: control characters (C0, DEL, C1), every invisible format character (bidi
 * controls such as U+202E, zero-width spaces and joiners, the tag block: Unicode's Cf) and the line
 * and paragraph separators become visible escapes (`\x1b`, `\u202e`, `\u{e0041}`), so nothing can
 * move the cursor, recolour, retitle, fake a line, reorder text or hide a word.
 * A value longer than `max` characters is cut with `…`, never inside a surrogate pair.
 */
export function safeText(value: string, max = Number.POSITIVE_INFINITY): string {
  const cut = excerpt(value, max);
  return cut.replace(UNSAFE, escapeChar);
}

/** At most `max` characters (code points), the last one `…` when cut. */
export function excerpt(value: string, max: number): string {
  if (value.length <= max) return value;
  const points = Array.from(value);
  if (points.length <= max) return value;
  return `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}

// Controls (Cc: C0, DEL, C1), format characters (Cf: bidi controls, zero-width characters, the tag
// block), and the line and paragraph separators (Zl, Zp).
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

function escapeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
}

/** "1 subscription", "3 subscriptions", "2 deliveries". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** `abcd…wxyz`: enough to recognise a token, not enough to use it. */
export function maskToken(token: string): string {
  if (token.length <= 8) return '…';
  return `${token.slice(0, 4)}…${token.slice(-4)}`;
}

/**
 * A URL from outside data for a terminal: escaped like any outside text, and with its userinfo
 * (`https://user:password@host`, often a credential) masked. `--json` keeps the exact URL.
 */
export function safeUrl(value: string, max = Number.POSITIVE_INFINITY): string {
  return safeText(maskUserinfo(value), max);
}

/** `https://user:password@host/x` as `https://***@host/x`. */
export function maskUserinfo(value: string): string {
  // Up to the last @ before the path: a password may hold a raw @ (`user:p@ss@proxy`).
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@');
}
