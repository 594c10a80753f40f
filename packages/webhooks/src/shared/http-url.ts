/**
 * An absolute http(s) URL, as Salesloft accepts for a callback. A leaf of its own (no node:
 * module), so the library can check a link_swap answer where only web APIs exist.
 */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
