import { isIP } from 'node:net';
import { isHttpUrl } from '../../packages/webhooks/src/shared/http-url.js';
import { isLoopbackUrl } from '../../packages/webhooks/src/shared/loopback.js';
import { UsageError } from './errors.js';

export { isHttpUrl, isLoopbackUrl };

const HOST_LABELS = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*\.?$/i;

/** A URL given as a flag must be absolute http(s) with a real host name; returns it unchanged. */
export function parseCallbackUrl(value: string, flag = '--url'): string {
  if (!isHttpUrl(value)) {
    throw new UsageError(`${flag} "${value}" is not an http(s) URL (expected https://host/path).`, 'bad_url');
  }
  const host = new URL(value).hostname;
  if (!(host.startsWith('[') || isIP(host) !== 0 || HOST_LABELS.test(host))) {
    throw new UsageError(
      `${flag} "${value}" has no usable host name (expected https://host/path).`,
      'bad_url',
    );
  }
  return value;
}

/** A `--url` selector matches callback URLs containing it: an empty one would select every subscription. */
export function urlSelector(value: string): string {
  if (value.trim() === '') {
    throw new UsageError('--url is empty (an unset variable?): give part of a callback URL.', 'empty_url');
  }
  return value;
}

/**
 * A local handler's address as people type it: a full URL, `localhost:3000/hooks` or
 * `:3000/hooks` (http and localhost assumed).
 */
export function parseForwardTarget(value: string, flag = '--forward-to'): string {
  const trimmed = value.trim();
  const withHost = trimmed.startsWith(':') ? `localhost${trimmed}` : trimmed;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(withHost) ? withHost : `http://${withHost}`;
  return parseCallbackUrl(withScheme, flag);
}
