import { UsageError } from '../../shared/errors.js';
import { isLoopbackUrl } from '../../shared/urls.js';
import type { TunnelKind } from './tunnel.js';

export interface TunnelChoice {
  /** `--tunnel`, when given. */
  tunnel?: TunnelKind | undefined;
  publicUrl?: string | undefined;
  /** Where the subscriptions are made: a loopback API (the emulator) can reach 127.0.0.1 itself. */
  apiUrl: string;
}

/** Which tunnel a session uses, by the rules of CONTRACT "Tunnels and URLs". */
export function chooseTunnel({ tunnel, publicUrl, apiUrl }: TunnelChoice): TunnelKind {
  if (publicUrl !== undefined && (tunnel === 'ngrok' || tunnel === 'cloudflared')) {
    throw new UsageError(
      `--public-url is your own tunnel’s URL and goes with --tunnel none: drop --tunnel ${tunnel} or --public-url.`,
      'tunnel_conflict',
    );
  }
  const kind = tunnel ?? (publicUrl !== undefined || isLoopbackUrl(apiUrl) ? 'none' : 'ngrok');
  if (kind === 'none' && publicUrl === undefined && !isLoopbackUrl(apiUrl)) {
    throw new UsageError(
      `--tunnel none needs --public-url: Salesloft (${apiUrl}) cannot reach 127.0.0.1. Pass the URL of your own tunnel to the receiver, or use --tunnel cloudflared or --tunnel ngrok.`,
      'public_url_needed',
    );
  }
  return kind;
}
