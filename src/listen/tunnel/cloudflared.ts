import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { safeText } from '../../../packages/webhooks/src/shared/text.js';
import { TunnelError } from '../../shared/errors.js';
import type { Tunnel, TunnelStatus } from './tunnel.js';

export interface CloudflaredOptions {
  port: number;
  /** `--cloudflared-path`; else `cloudflared` on PATH. */
  path?: string | undefined;
  timeoutMs: number;
}

export const CLOUDFLARED_INSTALL =
  'install cloudflared (brew install cloudflared; Debian and Ubuntu: the pkg.cloudflare.com repository; others: https://github.com/cloudflare/cloudflared/releases), pass --cloudflared-path, or use --tunnel ngrok or --public-url URL';

const QUICK_URL = /https:\/\/[a-z0-9-]+\.trycloudflare\.com\b/;
const REGISTERED = /Registered tunnel connection\b.*?connIndex=(\d+)/;
const UNREGISTERED =
  /(?:Unregistered tunnel connection|Connection terminated|Lost connection)\b.*?connIndex=(\d+)/;
const STOP_GRACE_MS = 3_000;

/**
 * A Cloudflare quick tunnel (`cloudflared tunnel --url`, a free `*.trycloudflare.com` URL, no
 * account): the cloudflared on PATH is started, its URL read from its log within `timeoutMs`, and
 * it is stopped with the session. Nothing is downloaded. Its connection lines tell when the tunnel
 * drops and comes back; its exit, that the tunnel is gone for good.
 */
export async function cloudflaredTunnel(options: CloudflaredOptions): Promise<Tunnel> {
  const command = options.path ?? 'cloudflared';
  // Its own process group: a Ctrl-C at the terminal reaches listen, which cleans up and then stops
  // cloudflared, instead of killing the tunnel under the cleanup.
  const child = spawn(command, ['tunnel', '--no-autoupdate', '--url', `http://127.0.0.1:${options.port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  const listeners: ((status: TunnelStatus) => void)[] = [];
  const emit = (status: TunnelStatus) => {
    for (const listener of listeners) listener(status);
  };
  let url: string | undefined;
  let lastLine = '';
  let stopping = false;
  const connections = new Set<string>();
  let lost = false;

  const opened = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop(child);
      reject(
        new TunnelError(
          `cloudflared printed no tunnel URL within ${options.timeoutMs / 1000} s${lastLine ? ` (its last line: ${safeText(lastLine, 200)})` : ''}; check your network, or use --tunnel ngrok or --public-url URL.`,
        ),
      );
    }, options.timeoutMs);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new TunnelError(
          error.code === 'ENOENT'
            ? `The cloudflared tunnel needs cloudflared, which is not ${options.path ? `at ${options.path}` : 'on PATH'}: ${CLOUDFLARED_INSTALL}.`
            : `Could not start cloudflared (${error.code ?? error.message}): ${CLOUDFLARED_INSTALL}.`,
          { cause: error },
        ),
      );
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const why = `cloudflared exited (${signal ?? `code ${code}`})`;
      if (url === undefined) {
        reject(
          new TunnelError(
            `${why} before its tunnel opened${lastLine ? `: ${safeText(lastLine, 200)}` : ''}; or use --tunnel ngrok or --public-url URL.`,
          ),
        );
        return;
      }
      if (!stopping) emit({ state: 'lost', reason: why, final: true });
    });
    const onLine = (line: string) => {
      if (line.trim() !== '') lastLine = line.trim();
      const found = QUICK_URL.exec(line)?.[0];
      if (found && url === undefined) {
        url = found;
        clearTimeout(timer);
        resolve(found);
        return;
      }
      const registered = REGISTERED.exec(line)?.[1];
      if (registered !== undefined) {
        connections.add(registered);
        if (lost && url !== undefined) {
          lost = false;
          emit({ state: 'back', url });
        }
        return;
      }
      const dropped = UNREGISTERED.exec(line)?.[1];
      if (dropped !== undefined && connections.delete(dropped) && connections.size === 0 && !stopping) {
        lost = true;
        emit({ state: 'lost', reason: 'cloudflared lost its connections to Cloudflare', final: false });
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', onLine);
    }
  });

  const publicUrl = await opened;
  return {
    url: publicUrl,
    ...(child.pid === undefined ? {} : { pid: child.pid }),
    onStatus: (listener) => {
      listeners.push(listener);
    },
    close: async () => {
      stopping = true;
      await stopAndWait(child);
    },
  };
}

function stop(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}

/** SIGTERM, then SIGKILL if it is still there after a grace period. */
async function stopAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
