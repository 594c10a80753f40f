import { noTunnel } from './none.js';
import type { Tunnel, TunnelKind } from './tunnel.js';

export interface TunnelRequest {
  port: number;
  localUrl: string;
  /** With `none`: the user's own public URL, if any. */
  publicUrl?: string | undefined;
  ngrok: {
    authtoken: string | undefined;
    domain?: string | undefined;
    serverAddr?: string | undefined;
    timeoutMs: number;
  };
  cloudflared?: { path?: string | undefined; timeoutMs: number };
}

/** Opens the tunnel of the given kind (ngrok's SDK and the cloudflared runner load only when chosen). */
export async function openTunnel(kind: TunnelKind, request: TunnelRequest): Promise<Tunnel> {
  if (kind === 'none') return noTunnel(request.localUrl, request.publicUrl);
  if (kind === 'cloudflared') {
    const { cloudflaredTunnel } = await import('./cloudflared.js');
    return cloudflaredTunnel({
      port: request.port,
      path: request.cloudflared?.path,
      timeoutMs: request.cloudflared?.timeoutMs ?? request.ngrok.timeoutMs,
    });
  }
  const { ngrokTunnel } = await import('./ngrok.js');
  return ngrokTunnel({ port: request.port, ...request.ngrok });
}
