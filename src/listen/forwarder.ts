import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request } from 'undici';
import { errorCode, networkReason } from '../net-errors.js';
import type { Delivery, ForwardResult } from './delivery.js';

const EXCERPT_CHARS = 120;

/**
 * Sends each verified delivery to the user's local app: the exact bytes with the original
 * content-type and x-salesloft-* headers, bounded by a timeout.
 */
export function createForwarder(
  target: string,
  timeoutMs: number,
): { forward: (d: Delivery) => Promise<ForwardResult>; close: () => Promise<void> } {
  const agent = new Agent({ keepAliveTimeout: 4_000, connect: { timeout: timeoutMs } });
  const forward = async (delivery: Delivery): Promise<ForwardResult> => {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const response = await request(target, {
        method: 'POST',
        dispatcher: agent,
        body: delivery.body,
        headers: forwardedHeaders(delivery.headers),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const status = response.statusCode;
      if (status >= 400) {
        const text = (await response.body.text()).replace(/\s+/g, ' ').trim();
        return {
          status,
          ms: elapsed(),
          error: null,
          ...(text ? { excerpt: text.slice(0, EXCERPT_CHARS) } : {}),
        };
      }
      await response.body.dump();
      return { status, ms: elapsed(), error: null };
    } catch (error) {
      return { status: null, ms: elapsed(), error: describeForwardError(error, target, timeoutMs) };
    }
  };
  return { forward, close: () => agent.close() };
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
