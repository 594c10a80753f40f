import type { IncomingMessage, ServerResponse } from 'node:http';
import { isCatalogEvent } from '../catalog/event-types.js';
import { isHttpUrl } from '../shared/urls.js';
import type { FaultPlan } from './faults.js';
import { parseJsonBody, readRawBody, sendEmpty, sendJson } from './http-io.js';
import type { MinuteBudget } from './rate-limiter.js';
import type { SubscriptionStore } from './store.js';

export interface ApiContext {
  store: SubscriptionStore;
  budget: MinuteBudget;
  faults: FaultPlan;
  apiKey: string | undefined;
  now: () => number;
}

const COLLECTION = '/v2/webhook_subscriptions';
const NOT_FOUND = { error: 'Not Found' };

/** The `/v2/webhook_subscriptions` resource, as Salesloft documents it. */
export async function handleApi(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? 'GET';
  const headers: Record<string, string> = {
    date: new Date(ctx.now()).toUTCString(),
    'x-ratelimit-endpoint-cost': '1',
    'x-ratelimit-remaining-minute': String(ctx.budget.remaining()),
  };

  const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
  if (!token) {
    return sendJson(
      res,
      401,
      { error: 'No Bearer Token attached to request, please provide a valid Bearer Token' },
      headers,
    );
  }
  if (ctx.apiKey !== undefined && token !== ctx.apiKey) {
    return sendJson(
      res,
      401,
      { error: 'Invalid Bearer Token: the access token is invalid or expired' },
      headers,
    );
  }

  const charged = ctx.budget.charge(1);
  headers['x-ratelimit-remaining-minute'] = String(charged?.remaining ?? 0);
  if (!charged) return sendJson(res, 429, { error: 'Rate limit exceeded: 600 cost per minute' }, headers);

  if (ctx.faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, ctx.faults.latencyMs));
  const raw = await readRawBody(req);
  const fault = ctx.faults.take(method, url.pathname, createdEventType(method, raw));
  if (fault?.kind === 'reset') {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'status') {
    if (fault.retry_after !== undefined) headers['retry-after'] = String(fault.retry_after);
    return sendJson(res, fault.status ?? 500, { error: `Injected fault: ${fault.status}` }, headers);
  }

  if (url.pathname === COLLECTION || url.pathname === `${COLLECTION}/`) {
    if (method === 'GET') {
      const enabled = url.searchParams.get('enabled');
      const filter = enabled === 'true' ? { enabled: true } : enabled === 'false' ? { enabled: false } : {};
      return sendJson(res, 200, { data: ctx.store.list(filter) }, headers);
    }
    if (method === 'POST') {
      const body = parseJsonBody(raw);
      const errors = validateCreate(body);
      if (errors) return sendJson(res, 422, { errors }, headers);
      const input = body as { callback_url: string; callback_token: string; event_type: string };
      const created = ctx.store.create({
        callback_url: input.callback_url,
        callback_token: input.callback_token,
        event_type: input.event_type,
      });
      if (fault?.kind === 'uncertain_create') {
        if (fault.reset) {
          req.socket.destroy();
          return;
        }
        return sendJson(res, fault.status ?? 500, { error: 'Internal Server Error' }, headers);
      }
      return sendJson(res, 200, { data: created }, headers);
    }
    return sendJson(res, 404, NOT_FOUND, headers);
  }

  const match = new RegExp(`^${COLLECTION}/(\\d+)$`).exec(url.pathname);
  const id = match?.[1] === undefined ? undefined : Number(match[1]);
  if (id === undefined) return sendJson(res, 404, NOT_FOUND, headers);
  if (method === 'GET') {
    const found = ctx.store.get(id);
    return found ? sendJson(res, 200, { data: found }, headers) : sendJson(res, 404, NOT_FOUND, headers);
  }
  if (method === 'PUT') {
    const body = parseJsonBody(raw) as { enabled?: unknown } | Error | undefined;
    if (!body || body instanceof Error || typeof body.enabled !== 'boolean') {
      return sendJson(res, 422, { errors: { enabled: ['must be true or false'] } }, headers);
    }
    const updated = ctx.store.setEnabled(id, body.enabled);
    return updated ? sendJson(res, 200, { data: updated }, headers) : sendJson(res, 404, NOT_FOUND, headers);
  }
  if (method === 'DELETE') {
    return ctx.store.delete(id) ? sendEmpty(res, 204, headers) : sendJson(res, 404, NOT_FOUND, headers);
  }
  return sendJson(res, 404, NOT_FOUND, headers);
}

function validateCreate(body: unknown): Record<string, string[]> | undefined {
  if (body instanceof Error) return { base: ['request body is not valid JSON'] };
  const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const errors: Record<string, string[]> = {};
  for (const field of ['callback_url', 'callback_token', 'event_type']) {
    if (typeof input[field] !== 'string' || input[field] === '') errors[field] = ["can't be blank"];
  }
  if (typeof input.callback_url === 'string' && input.callback_url !== '' && !isHttpUrl(input.callback_url)) {
    errors.callback_url = ['is not a valid URL'];
  }
  if (typeof input.event_type === 'string' && input.event_type !== '' && !isCatalogEvent(input.event_type)) {
    errors.event_type = ['is not included in the list'];
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/** The event type a create asks for, so a fault can target one type. */
function createdEventType(method: string, raw: Buffer): string | undefined {
  if (method !== 'POST') return undefined;
  const body = parseJsonBody(raw);
  const eventType =
    body && typeof body === 'object' ? (body as { event_type?: unknown }).event_type : undefined;
  return typeof eventType === 'string' ? eventType : undefined;
}
