import { UsageError } from '../errors.js';

/** A callback URL must be absolute http(s); returns it unchanged. */
export function parseCallbackUrl(value: string, flag = '--url'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag} "${value}" is not a URL (expected https://host/path).`, 'bad_url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`${flag} "${value}" must start with https:// or http://.`, 'bad_url');
  }
  return value;
}
