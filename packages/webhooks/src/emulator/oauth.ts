import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopbackUrl } from '../shared/loopback.js';
import type { ApplicationInput } from './directory.js';
import { readRawBody, sendJson } from './http-io.js';

/** An OAuth application a team installed (Salesloft has no public client: bring your own). */
export interface OAuthClient {
  secret: string;
  /** The team (and user) that authorises it; the default team otherwise. */
  application?: ApplicationInput;
}

/** The directory key of an OAuth client's application. */
export function oauthApplicationKey(clientId: string): string {
  return `oauth:${clientId}`;
}

interface Grant {
  clientId: string;
  /** Every refresh token this grant has issued, newest last: a refresh revokes all older ones. */
  refreshTokens: string[];
}

/**
 * Salesloft's OAuth authorization-code flow, as its docs describe it: `/oauth/authorize` (which
 * approves at once here, as a user clicking "Authorize" would), `/oauth/token` for the code and
 * for refreshes. Access tokens expire (`accessTokenTtlSeconds`, Salesloft: 7,200); refresh tokens
 * rotate: a refresh revokes every older refresh token of the grant, so two processes refreshing
 * with the same one log each other out.
 */
export class OAuthServer {
  readonly clients = new Map<string, OAuthClient>();
  accessTokenTtlSeconds = 7_200;
  /** Refreshes answered, for tests that count them. */
  refreshes = 0;
  private readonly codes = new Map<string, { clientId: string; redirectUri: string }>();
  private readonly accessTokens = new Map<string, { clientId: string; expiresAt: number }>();
  private readonly grants = new Map<string, Grant>();

  constructor(private readonly now: () => number) {}

  /** The client whose live access token this is; `expired` for one past its time; undefined for none. */
  clientOf(token: string): string | 'expired' | undefined {
    const access = this.accessTokens.get(token);
    if (!access) return undefined;
    return access.expiresAt <= this.now() ? 'expired' : access.clientId;
  }

  /** Handles `/oauth/...`; false for any other path. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname === '/oauth/authorize' && req.method === 'GET') {
      this.authorize(res, url);
      return true;
    }
    if (url.pathname === '/oauth/token' && req.method === 'POST') {
      const raw = (await readRawBody(req)).toString('utf8');
      const type = String(req.headers['content-type'] ?? '');
      const form = type.includes('json')
        ? new URLSearchParams(Object.entries(JSON.parse(raw || '{}') as Record<string, string>))
        : new URLSearchParams(raw);
      this.token(res, form);
      return true;
    }
    return false;
  }

  private authorize(res: ServerResponse, url: URL) {
    const clientId = url.searchParams.get('client_id') ?? '';
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    if (!this.clients.has(clientId)) return sendJson(res, 400, { error: 'invalid_client' });
    if (url.searchParams.get('response_type') !== 'code' || !isLoopbackUrl(redirectUri)) {
      return sendJson(res, 400, { error: 'invalid_request' });
    }
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { clientId, redirectUri });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('context', '/');
    back.searchParams.set('scope', 'read write');
    const state = url.searchParams.get('state');
    if (state !== null) back.searchParams.set('state', state);
    res.writeHead(302, { location: back.toString() }).end();
  }

  private token(res: ServerResponse, form: URLSearchParams) {
    const clientId = form.get('client_id') ?? '';
    const client = this.clients.get(clientId);
    if (!client || client.secret !== form.get('client_secret')) {
      return sendJson(res, 401, { error: 'invalid_client' });
    }
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      if (!code || code.clientId !== clientId || code.redirectUri !== form.get('redirect_uri')) {
        return sendJson(res, 400, { error: 'invalid_grant' });
      }
      const grant: Grant = { clientId, refreshTokens: [] };
      return sendJson(res, 200, this.issue(grant));
    }
    if (grantType === 'refresh_token') {
      const given = form.get('refresh_token') ?? '';
      const grant = this.grants.get(given);
      // Only the newest refresh token of a grant works: a refresh revoked the older ones.
      if (!grant || grant.clientId !== clientId || grant.refreshTokens.at(-1) !== given) {
        return sendJson(res, 400, {
          error: 'invalid_grant',
          error_description: 'The refresh token is invalid or was revoked',
        });
      }
      this.refreshes += 1;
      return sendJson(res, 200, this.issue(grant));
    }
    return sendJson(res, 400, { error: 'unsupported_grant_type' });
  }

  private issue(grant: Grant): Record<string, unknown> {
    const accessToken = randomBytes(24).toString('hex');
    const refreshToken = randomBytes(24).toString('hex');
    this.accessTokens.set(accessToken, {
      clientId: grant.clientId,
      expiresAt: this.now() + this.accessTokenTtlSeconds * 1000,
    });
    grant.refreshTokens.push(refreshToken);
    this.grants.set(refreshToken, grant);
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: this.accessTokenTtlSeconds,
      refresh_token: refreshToken,
      scope: 'read write',
      created_at: Math.floor(this.now() / 1000),
    };
  }
}
