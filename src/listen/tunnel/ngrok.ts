import { withTimeout } from '../../net/time.js';
import { TunnelError } from '../../shared/errors.js';
import { exitWhenDone } from '../../shared/exit-when-done.js';
import type { Tunnel, TunnelStatus } from './tunnel.js';

export interface NgrokOptions {
  port: number;
  authtoken: string | undefined;
  /** A reserved ngrok domain. */
  domain?: string | undefined;
  /** ngrok's server_addr (NGROK_SERVER_ADDR): a self-hosted or regional ngrok server. */
  serverAddr?: string | undefined;
  /** `forward()` can hang on a half-open connection: give up after this long. */
  timeoutMs: number;
}

/** An ngrok HTTPS tunnel to the local port, opened with the official SDK (loaded only here). */
export async function ngrokTunnel(options: NgrokOptions): Promise<Tunnel> {
  if (!options.authtoken) {
    throw new TunnelError(
      'ngrok needs an authtoken: get one at https://dashboard.ngrok.com/get-started/your-authtoken and set NGROK_AUTHTOKEN (environment or .env), or use --tunnel none --public-url URL.',
    );
  }
  const ngrok = await loadNgrok();
  // The SDK can keep a native handle open after a failed or closed tunnel: it must not hold the exit.
  exitWhenDone();
  const listeners: ((status: TunnelStatus) => void)[] = [];
  let publicUrl = '';
  try {
    const listener = await withTimeout(
      ngrok.forward({
        addr: `127.0.0.1:${options.port}`,
        authtoken: options.authtoken,
        // 'closed': the session to ngrok is lost (the SDK reconnects); 'connected': it is back.
        onStatusChange: (status: string) => {
          if (publicUrl === '') return;
          const event: TunnelStatus =
            status === 'closed'
              ? { state: 'lost', reason: 'ngrok lost its connection', final: false }
              : { state: 'back', url: publicUrl };
          for (const notify of listeners) notify(event);
        },
        ...(options.domain ? { domain: options.domain } : {}),
        ...(options.serverAddr ? { server_addr: options.serverAddr } : {}),
      }),
      options.timeoutMs,
      () =>
        new TunnelError(
          `The ngrok tunnel did not open within ${options.timeoutMs / 1000} s; check your network, or use --tunnel none --public-url URL.`,
        ),
    );
    const url = listener.url();
    if (!url) throw new TunnelError('ngrok opened a tunnel without a URL.');
    publicUrl = url.replace(/\/+$/, '');
    return {
      url: publicUrl,
      onStatus: (notify) => {
        listeners.push(notify);
      },
      close: async () => {
        await listener.close().catch(() => {});
      },
    };
  } catch (error) {
    if (error instanceof TunnelError) throw error;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new TunnelError(
      `Could not open the ngrok tunnel (${reason}); check your network and NGROK_AUTHTOKEN, or use --tunnel none --public-url URL.`,
      { cause: error },
    );
  }
}

/** The SDK, an optional dependency: an install without it (`--omit=optional`) says how to get it. */
async function loadNgrok(): Promise<typeof import('@ngrok/ngrok')> {
  try {
    return await import('@ngrok/ngrok');
  } catch (error) {
    throw new TunnelError(
      'The ngrok tunnel needs @ngrok/ngrok, an optional dependency that is not installed here (an install with --omit=optional?): install salesloft-hooks with its optional dependencies (npm install -g salesloft-hooks), or use --tunnel none --public-url URL.',
      { cause: error },
    );
  }
}
