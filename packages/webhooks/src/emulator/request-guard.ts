import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * Why a request to the emulator is refused, if it is. The emulator has no key on its control
 * routes, so a web page in the user's browser must not reach them: a page on another origin, or
 * one whose host name resolves to this machine (DNS rebinding), could otherwise make it deliver
 * signed events to the user's handler. So the Host must be an address (or localhost, or Docker's
 * host.docker.internal) with the emulator's port; a request with an Origin other than the
 * emulator's own is refused; and a control request with a body must say it is JSON, which a
 * page can send elsewhere only after a CORS preflight that the emulator never grants.
 */
export function refusal(req: IncomingMessage, port: number, control: boolean): string | undefined {
  const host = (req.headers.host ?? '').toLowerCase();
  const name = hostName(host);
  if (!host.endsWith(`:${port}`) || name === undefined) return `unexpected Host ${JSON.stringify(host)}`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return `cross-origin request from ${origin}`;
  if (!control || req.method === 'GET') return undefined;
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (hasBody && type !== 'application/json') {
    return 'a control request with a body must be sent as content-type: application/json';
  }
  return undefined;
}

const LOCAL_NAMES = new Set(['localhost', 'host.docker.internal']);

function hostName(host: string): string | undefined {
  const name = host.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  return isIP(name) !== 0 || LOCAL_NAMES.has(name) ? name : undefined;
}
