import type { IncomingHttpHeaders } from 'node:http';
import { errorCode, networkReason } from '../../packages/webhooks/src/net/errors.js';
import { processConnectionBudget } from '../net/fd-limit.js';
import { keepAlivePool } from '../net/http-request.js';
import { timedPost } from '../net/post.js';
import { untrustedCertificateHint } from '../net/tls-hint.js';
import { UsageError } from '../shared/errors.js';
import type { Delivery, ForwardResult } from './delivery.js';

/**
 * Sends each verified delivery to the user's local app: the exact bytes with the original
 * content-type and x-salesloft-* headers, bounded by a timeout.
 */
export function createForwarder(
  target: string,
  timeoutMs: number,
  options: {
    headers?: Record<string, string>;
    insecure?: boolean;
    /** Forwarders sharing the connection budget (one per --forward-to target). */
    sharedBy?: number;
  } = {},
): { forward: (d: Delivery) => Promise<ForwardResult>; close: () => Promise<void> } {
  // Deliveries beyond the cap wait for a connection (within their --forward-timeout) rather than
  // each opening a descriptor of its own.
  const pool = keepAlivePool({
    idleMs: 4_000,
    connections: Math.max(1, Math.floor(processConnectionBudget().forwarder / (options.sharedBy ?? 1))),
    insecure: options.insecure === true,
  });
  const url = new URL(target);
  const forward = async (delivery: Delivery): Promise<ForwardResult> => {
    const started = performance.now();
    try {
      const headers = { ...options.headers, ...forwardedHeaders(delivery.headers) };
      const answer = await timedPost(url, delivery.body, headers, {
        timeoutMs,
        dispatcher: pool,
      });
      return {
        status: answer.status,
        ms: answer.ms,
        error: null,
        ...(answer.status >= 400 && answer.excerpt ? { excerpt: answer.excerpt } : {}),
        response: answer.response,
      };
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      return { status: null, ms, error: describeForwardError(error, target, timeoutMs) };
    }
  };
  return {
    forward,
    close: async () => {
      await pool.destroy();
    },
  };
}

function forwardedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || (name !== 'content-type' && !name.startsWith('x-salesloft-'))) continue;
    kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}

function describeForwardError(error: unknown, target: string, timeoutMs: number): string {
  const host = new URL(target).host;
  const code = errorCode(error);
  if (code === 'ECONNREFUSED') return `nothing listening at ${host} (ECONNREFUSED)`;
  return (
    untrustedCertificateHint(error, host, '--forward-insecure') ??
    `${host}: ${networkReason(error, timeoutMs)}`
  );
}

/** `--forward-header 'Name: value'`: extra headers for the app; the delivery's own are not replaced. */
export function parseForwardHeaders(values: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf(':');
    const name = at === -1 ? '' : value.slice(0, at).trim().toLowerCase();
    const text = at === -1 ? '' : value.slice(at + 1).trim();
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name) || /[\r\n\0]/.test(text)) {
      throw new UsageError(`--forward-header "${value}" is not "Name: value".`, 'bad_header');
    }
    if (
      name === 'content-type' ||
      name.startsWith('x-salesloft-') ||
      name === 'host' ||
      name === 'content-length'
    ) {
      throw new UsageError(
        `--forward-header cannot set ${name}: the delivery's own is forwarded as received.`,
        'bad_header',
      );
    }
    headers[name] = text;
  }
  return headers;
}
