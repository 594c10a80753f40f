import type { IncomingMessage, ServerResponse } from 'node:http';
import { isCatalogEvent } from '../catalog/event-types.js';
import type { Emulator } from './emulator.js';
import { parseFaultRule } from './faults.js';
import { parseJsonBody, readRawBody, sendEmpty, sendJson } from './http-io.js';

export const CONTROL_PREFIX = '/__emulator/';

/**
 * The emulator's own endpoints (no auth): fire events, inspect deliveries and requests,
 * inject faults, move the clock, reset.
 */
export async function handleControl(
  emulator: Emulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const route = `${req.method} ${url.pathname.slice(CONTROL_PREFIX.length - 1)}`;
  const body = parseJsonBody(await readRawBody(req));
  if (body instanceof Error) return sendJson(res, 400, { error: `Body is not JSON: ${body.message}` });
  const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;

  switch (route) {
    case 'POST /events': {
      const eventType = input.event_type;
      if (typeof eventType !== 'string' || !isCatalogEvent(eventType)) {
        return sendJson(res, 422, { errors: { event_type: ['is not included in the list'] } });
      }
      const data = input.data === undefined ? undefined : input.data;
      const fired = emulator.fire(eventType, data);
      return sendJson(res, 202, { data: fired });
    }
    case 'GET /deliveries':
      return sendJson(res, 200, { data: emulator.deliveries() });
    case 'GET /requests':
      return sendJson(res, 200, { data: emulator.requests });
    case 'POST /faults': {
      if (typeof input.latency_ms === 'number') {
        emulator.faults.latencyMs = input.latency_ms;
        if (input.kind === undefined) return sendEmpty(res, 204);
      }
      const rule = parseFaultRule(input);
      if (typeof rule === 'string') return sendJson(res, 422, { error: rule });
      emulator.faults.add(rule);
      return sendEmpty(res, 204);
    }
    case 'DELETE /faults':
      emulator.faults.clear();
      return sendEmpty(res, 204);
    case 'POST /clock': {
      if (typeof input.offset_ms === 'number') emulator.clockOffsetMs = input.offset_ms;
      else if (typeof input.now === 'string' && !Number.isNaN(Date.parse(input.now))) {
        emulator.clockOffsetMs = Date.parse(input.now) - Date.now();
      } else return sendJson(res, 422, { error: 'give offset_ms (number) or now (ISO date)' });
      return sendJson(res, 200, { data: { now: new Date(emulator.now()).toISOString() } });
    }
    case 'POST /reset':
      emulator.reset();
      return sendEmpty(res, 204);
    default:
      return sendJson(res, 404, { error: 'Not Found' });
  }
}
