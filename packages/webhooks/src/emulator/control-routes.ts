import type { IncomingMessage, ServerResponse } from 'node:http';
import { isCatalogEvent } from '../catalog/event-types.js';
import type { Emulator } from './emulator.js';
import { parseFaultRule } from './faults.js';
import { parseJsonBody, readRawBody, sendEmpty, sendJson } from './http-io.js';

export const CONTROL_PREFIX = '/__emulator/';

/**
 * The emulator's own endpoints (no auth): fire events, inspect deliveries and requests,
 * inject faults, move the clock, register applications of other teams, switch the undocumented
 * behaviours (quirks), reset.
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
      if (typeof input.raw === 'string')
        return sendJson(res, 202, { data: emulator.fireRaw(eventType, input.raw) });
      const fired = emulator.fire(eventType, input.data);
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
    case 'POST /applications': {
      const key = input.api_key;
      const team = input.team as { id?: unknown; name?: unknown } | undefined;
      const user = input.user as { name?: unknown; email?: unknown } | undefined;
      if (typeof key !== 'string' || key === '') return sendJson(res, 422, { error: 'give api_key (text)' });
      if (team !== undefined && (typeof team.id !== 'number' || typeof team.name !== 'string')) {
        return sendJson(res, 422, { error: 'team must be {"id": number, "name": text}' });
      }
      const application = emulator.registerApplication(key, {
        ...(team ? { team: { id: team.id as number, name: team.name as string } } : {}),
        ...(user
          ? {
              user: {
                ...(typeof user.name === 'string' ? { name: user.name } : {}),
                ...(typeof user.email === 'string' ? { email: user.email } : {}),
              },
            }
          : {}),
      });
      return sendJson(res, 201, { data: { team: application.team, user: application.user } });
    }
    case 'POST /oauth/clients': {
      const { client_id: id, client_secret: secret } = input;
      const team = input.team as { id?: unknown; name?: unknown } | undefined;
      if (typeof id !== 'string' || typeof secret !== 'string' || id === '' || secret === '') {
        return sendJson(res, 422, { error: 'give client_id and client_secret (text)' });
      }
      if (team !== undefined && (typeof team.id !== 'number' || typeof team.name !== 'string')) {
        return sendJson(res, 422, { error: 'team must be {"id": number, "name": text}' });
      }
      emulator.registerOAuthClient(id, {
        secret,
        ...(team ? { application: { team: { id: team.id as number, name: team.name as string } } } : {}),
      });
      if (typeof input.access_token_ttl_seconds === 'number') {
        emulator.oauth.accessTokenTtlSeconds = input.access_token_ttl_seconds;
      }
      return sendJson(res, 201, {
        data: { client_id: id, access_token_ttl_seconds: emulator.oauth.accessTokenTtlSeconds },
      });
    }
    case 'POST /quirks': {
      const create = input.create_without_token;
      const duplicates = input.duplicates;
      if (create !== undefined && create !== 'reject' && create !== 'accept') {
        return sendJson(res, 422, { error: 'create_without_token is reject or accept' });
      }
      if (duplicates !== undefined && duplicates !== 'reject' && duplicates !== 'accept') {
        return sendJson(res, 422, { error: 'duplicates is reject or accept' });
      }
      if (create !== undefined) emulator.quirks.createWithoutToken = create;
      if (duplicates !== undefined) emulator.quirks.duplicates = duplicates;
      return sendJson(res, 200, { data: emulator.quirks });
    }
    case 'POST /reset':
      emulator.reset();
      return sendEmpty(res, 204);
    default:
      return sendJson(res, 404, { error: 'Not Found' });
  }
}
