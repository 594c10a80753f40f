import type { IncomingHttpHeaders } from 'node:http';
import { errorCode, networkReason } from '../net/errors.js';
import { processConnectionBudget } from '../net/fd-limit.js';
import { keepAlivePool } from '../net/http-request.js';
import { timedPost } from '../net/post.js';
import type { Delivery, ForwardResult } from './delivery.js';

/**
 * Sends each verified delivery to the user's local app: the exact bytes with the original
 * content-type and x-salesloft-* headers, bounded by a timeout.
 */
export function createForwarder(
  target: string,
  timeoutMs: number,
): { forward: (d: Delivery) => Promise<ForwardResult>; close: () => Promise<void> } {
  // Deliveries beyond the cap wait for a connection (within their --forward-timeout) rather than
  // each opening a descriptor of its own.
  const pool = keepAlivePool({ idleMs: 4_000, connections: processConnectionBudget().forwarder });
  const forward = async (delivery: Delivery): Promise<ForwardResult> => {
    const started = performance.now();
    try {
      const answer = await timedPost(target, delivery.body, forwardedHeaders(delivery.headers), {
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
  return errorCode(error) === 'ECONNREFUSED'
    ? `nothing listening at ${host} (ECONNREFUSED)`
    : `${host}: ${networkReason(error, timeoutMs)}`;
}
