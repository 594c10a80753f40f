import type { Tunnel } from './tunnel.js';

/** No tunnel: the user's own public URL (their proxy or tunnel) or the local URL itself. */
export function noTunnel(localUrl: string, publicUrl?: string): Tunnel {
  return { url: (publicUrl ?? localUrl).replace(/\/+$/, ''), close: async () => {} };
}
