import type { IncomingMessage, ServerResponse } from 'node:http';
import { isCatalogEvent } from '../catalog/event-types.js';
import { isHttpUrl } from '../shared/http-url.js';
import type { Directory, EmulatedApplication } from './directory.js';
import type { FaultPlan } from './faults.js';
import { parseJsonBody, readRawBody, sendEmpty, sendJson } from './http-io.js';
import { type OAuthServer, oauthApplicationKey } from './oauth.js';
import type { MinuteBudget } from './rate-limiter.js';
import type { SubscriptionStore } from './store.js';

/**
 * What Salesloft does not document, switchable, each defaulting to the facts' reading
 * (salesloft-facts.md, "Still unknown").
 */
export interface EmulatorQuirks {
  /** A create without `callback_token`: refused with 422 (default), or accepted with an empty token. */
  createWithoutToken: 'reject' | 'accept';
  /** A second subscription of the same URL and event type: accepted (default), or refused with 422. */
  duplicates: 'accept' | 'reject';
}

export const DEFAULT_QUIRKS: EmulatorQuirks = { createWithoutToken: 'reject', duplicates: 'accept' };

export interface ApiContext {
  store: SubscriptionStore;
  /** OAuth access tokens are accepted as their client's application. */
  oauth: OAuthServer;
  directory: Directory;
  /** The team's budget: Salesloft counts the rate limit per team, across its applications. */
  budgetFor: (teamId: number) => MinuteBudget;
  faults: FaultPlan;
  quirks: EmulatorQuirks;
  apiKey: string | undefined;
  now: () => number;
}

const COLLECTION = '/v2/webhook_subscriptions';
const NOT_FOUND = { error: 'Not Found' };
/** Salesloft's own words for a request without a usable token (salesloft-facts.md, "Auth"). */
export const UNAUTHORIZED = {
  error: 'No Bearer Token attached to request, please see documentation at developers.salesloft.com',
};

/**
 * The resources of Salesloft's API that the product uses, as Salesloft documents them:
 * `/v2/webhook_subscriptions` (each key sees its own application's), `/v2/me` and `/v2/team`.
 */
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
  };

  const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
  const client = token === undefined ? undefined : ctx.oauth.clientOf(token);
  if (
    !token ||
    client === 'expired' ||
    (client === undefined && ctx.apiKey !== undefined && token !== ctx.apiKey)
  ) {
    return sendJson(res, 401, UNAUTHORIZED, headers);
  }
  // Every access token of an OAuth client is that one application, across refreshes.
  const application = ctx.directory.of(client === undefined ? token : oauthApplicationKey(client));
  const budget = ctx.budgetFor(application.team.id);
  const charged = budget.charge(1);
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

  const identity = identityResource(url.pathname, application, req.headers.host);
  if (identity !== undefined) {
    return method === 'GET'
      ? sendJson(res, 200, { data: identity }, headers)
      : sendJson(res, 404, NOT_FOUND, headers);
  }

  if (url.pathname === COLLECTION || url.pathname === `${COLLECTION}/`) {
    if (method === 'GET') {
      const enabled = url.searchParams.get('enabled');
      const filter = enabled === 'true' ? { enabled: true } : enabled === 'false' ? { enabled: false } : {};
      return sendJson(res, 200, { data: ctx.store.list(filter, application) }, headers);
    }
    if (method === 'POST') {
      const body = parseJsonBody(raw);
      const errors = validateCreate(body, ctx, application);
      if (errors) return sendJson(res, 422, { errors }, headers);
      const input = body as { callback_url: string; callback_token?: string; event_type: string };
      const created = ctx.store.create(
        {
          callback_url: input.callback_url,
          callback_token: input.callback_token ?? '',
          event_type: input.event_type,
        },
        application,
      );
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
    const found = ctx.store.get(id, application);
    return found ? sendJson(res, 200, { data: found }, headers) : sendJson(res, 404, NOT_FOUND, headers);
  }
  if (method === 'PUT') {
    const body = parseJsonBody(raw) as { enabled?: unknown } | Error | undefined;
    if (!body || body instanceof Error || typeof body.enabled !== 'boolean') {
      return sendJson(res, 422, { errors: { enabled: ['must be true or false'] } }, headers);
    }
    const updated = ctx.store.setEnabled(id, body.enabled, application);
    return updated ? sendJson(res, 200, { data: updated }, headers) : sendJson(res, 404, NOT_FOUND, headers);
  }
  if (method === 'DELETE') {
    return ctx.store.delete(id, application)
      ? sendEmpty(res, 204, headers)
      : sendJson(res, 404, NOT_FOUND, headers);
  }
  return sendJson(res, 404, NOT_FOUND, headers);
}

/** `GET /v2/me` and `GET /v2/team` (also with `.json`) for the key's application; undefined for other paths. */
function identityResource(
  path: string,
  application: EmulatedApplication,
  host: string | undefined,
): Record<string, unknown> | undefined {
  const resource = path.replace(/\.json$/, '');
  const { team, user } = application;
  if (resource === '/v2/me') {
    return {
      id: user.id,
      guid: user.guid,
      name: user.name,
      email: user.email,
      team: { id: team.id, _href: `http://${host ?? 'localhost'}/v2/team` },
    };
  }
  if (resource === '/v2/team') {
    return {
      id: team.id,
      name: team.name,
      license_type: 'Enterprise',
      created_at: '2019-04-01T09:00:00.000000-04:00',
    };
  }
  return undefined;
}

function validateCreate(
  body: unknown,
  ctx: ApiContext,
  application: EmulatedApplication,
): Record<string, string[]> | undefined {
  if (body instanceof Error) return { base: ['request body is not valid JSON'] };
  const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const errors: Record<string, string[]> = {};
  const required = ['callback_url', 'event_type'];
  if (ctx.quirks.createWithoutToken === 'reject' || input.callback_token !== undefined) {
    required.push('callback_token');
  }
  for (const field of required) {
    if (typeof input[field] !== 'string' || input[field] === '') errors[field] = ["can't be blank"];
  }
  if (
    ctx.quirks.duplicates === 'reject' &&
    ctx.store
      .list({}, application)
      .some((sub) => sub.callback_url === input.callback_url && sub.event_type === input.event_type)
  ) {
    errors.event_type = ['has already been taken'];
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
