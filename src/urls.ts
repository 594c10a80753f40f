import { UsageError } from './errors.js';

/** An absolute http(s) URL, as Salesloft accepts for a callback. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A URL given as a flag must be absolute http(s); returns it unchanged. */
export function parseCallbackUrl(value: string, flag = '--url'): string {
  if (!isHttpUrl(value)) {
    throw new UsageError(`${flag} "${value}" is not an http(s) URL (expected https://host/path).`, 'bad_url');
  }
  return value;
}
