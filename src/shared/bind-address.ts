import { networkInterfaces } from 'node:os';
import { isLoopbackUrl } from './urls.js';

/** `--host` as a URL's host (IPv6 in brackets). */
function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** True when only this machine can reach a server bound to `host`. */
export function isLoopbackHost(host: string): boolean {
  return isLoopbackUrl(`http://${urlHost(host)}/`);
}

/**
 * The URLs a server bound to host:port is reached at: an unspecified address (0.0.0.0, ::) is not
 * one, so this machine's loopback comes first, then each external IPv4 address of its interfaces.
 */
export function reachableUrls(host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::' && host !== '[::]') return [`http://${urlHost(host)}:${port}`];
  const external = Object.values(networkInterfaces())
    .flat()
    .filter((address) => address && !address.internal && address.family === 'IPv4')
    .map((address) => `http://${address?.address}:${port}`);
  return [`http://127.0.0.1:${port}`, ...external];
}
