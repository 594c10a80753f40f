/**
 * True when the URL's host is this machine: localhost, 127.0.0.0/8 or ::1. The WHATWG parser has
 * already written any IPv4 form (127.1, 0x7f.0.0.1) as four decimal parts, so no node:net is needed.
 */
export function isLoopbackUrl(value: string): boolean {
  let host: string;
  try {
    host = new URL(value).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host.startsWith('127.');
  return host === '::1';
}
