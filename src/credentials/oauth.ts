import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendRequest } from '../net/http-request.js';
import { ApiError, CliError, ExitCode } from '../shared/errors.js';
import { isLoopbackUrl } from '../shared/urls.js';

/** What a profile of an OAuth login keeps as its secret. */
export interface OAuthSecret {
  access_token: string;
  refresh_token: string;
  /** When the access token expires, in ms since the epoch. */
  expires_at: number;
  /** How long access tokens live here (Salesloft: 7,200 s), to know when to refresh. */
  lifetime_ms?: number;
  client_secret: string;
}

/** Where Salesloft's OAuth endpoints are: accounts.salesloft.com for its API, the API's own origin otherwise (the emulator). */
export function accountsUrlFor(apiUrl: string): string {
  const url = new URL(apiUrl);
  return url.hostname === 'api.salesloft.com' ? 'https://accounts.salesloft.com' : url.origin;
}

/**
 * The authorization-code flow with a loopback redirect: listens on 127.0.0.1, hands the authorize
 * URL to `show` (the user opens it; Salesloft redirects back with `code`), and resolves with the
 * code once it comes with the state it was sent with.
 */
export async function authorize(input: {
  accountsUrl: string;
  clientId: string;
  show: (url: string) => void;
  timeoutMs: number;
  /** The loopback port the redirect comes back to (registered with the application); 0: any. */
  port: number;
}): Promise<{ code: string; redirectUri: string }> {
  const state = randomBytes(16).toString('hex');
  let settle: (value: { code: string } | Error) => void = () => {};
  const outcome = new Promise<{ code: string } | Error>((resolve) => {
    settle = resolve;
  });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/callback') return void res.writeHead(404).end();
    const code = url.searchParams.get('code');
    if (url.searchParams.get('state') !== state || !code) {
      res
        .writeHead(400, { 'content-type': 'text/plain' })
        .end('This is not the authorization salesloft-hooks asked for.\n');
      return;
    }
    res
      .writeHead(200, { 'content-type': 'text/plain' })
      .end('Authorized: you can close this page and go back to the terminal.\n');
    settle({ code });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new CliError(
              `Port ${input.port} is in use: pass another --redirect-port (and register it with the application).`,
              'port_in_use',
              ExitCode.usage,
            )
          : error,
      ),
    );
    server.listen(input.port, '127.0.0.1', resolve);
  });
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  const timer = setTimeout(
    () =>
      settle(
        new CliError(
          `No authorization came back within ${input.timeoutMs / 1000} s.`,
          'oauth_timeout',
          ExitCode.auth,
        ),
      ),
    input.timeoutMs,
  );
  try {
    const authorizeUrl = new URL('/oauth/authorize', input.accountsUrl);
    authorizeUrl.search = new URLSearchParams({
      client_id: input.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      state,
    }).toString();
    input.show(authorizeUrl.toString());
    const result = await outcome;
    if (result instanceof Error) throw result;
    return { code: result.code, redirectUri };
  } finally {
    clearTimeout(timer);
    server.closeAllConnections();
    server.close();
  }
}

/** The whole login: the user's approval (at the URL handed to `show`), then the code for tokens. */
export async function oauthTokens(input: {
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  show: (url: string) => void;
  timeoutMs: number;
  port: number;
}): Promise<{ secret: OAuthSecret; application: { client_id: string; accounts_url: string } }> {
  const accountsUrl = accountsUrlFor(input.apiUrl);
  const { code, redirectUri } = await authorize({ ...input, accountsUrl });
  const secret = await exchangeCode({ ...input, accountsUrl, code, redirectUri });
  return { secret, application: { client_id: input.clientId, accounts_url: accountsUrl } };
}

/** Trades the code for tokens. */
export function exchangeCode(input: {
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  code: string;
  redirectUri: string;
}): Promise<OAuthSecret> {
  return tokenRequest(input.accountsUrl, input.clientSecret, {
    client_id: input.clientId,
    client_secret: input.clientSecret,
    code: input.code,
    grant_type: 'authorization_code',
    redirect_uri: input.redirectUri,
  });
}

/** A new pair for the refresh token (which Salesloft then revokes, with every older one). */
export function refreshTokens(input: {
  accountsUrl: string;
  clientId: string;
  secret: OAuthSecret;
}): Promise<OAuthSecret> {
  return tokenRequest(input.accountsUrl, input.secret.client_secret, {
    client_id: input.clientId,
    client_secret: input.secret.client_secret,
    refresh_token: input.secret.refresh_token,
    grant_type: 'refresh_token',
  });
}

async function tokenRequest(
  accountsUrl: string,
  clientSecret: string,
  form: Record<string, string>,
): Promise<OAuthSecret> {
  const url = new URL('/oauth/token', accountsUrl);
  if (url.protocol !== 'https:' && !isLoopbackUrl(url.toString())) {
    throw new CliError(
      `${url.origin} is not https: the client secret is not sent there.`,
      'insecure_api_url',
      ExitCode.usage,
    );
  }
  const answer = await sendRequest(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
    headersTimeoutMs: 30_000,
    bodyTimeoutMs: 30_000,
    limit: 64 * 1024,
    signal: AbortSignal.timeout(30_000),
  });
  const text = answer.body?.toString('utf8') ?? '';
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Said below, with the status.
  }
  if (
    answer.status !== 200 ||
    typeof body.access_token !== 'string' ||
    typeof body.refresh_token !== 'string'
  ) {
    const why = typeof body.error === 'string' ? body.error : `status ${answer.status}`;
    throw new ApiError(
      answer.status === 200 ? 502 : answer.status >= 500 ? answer.status : 401,
      `Salesloft refused the OAuth login (${why}): run \`salesloft-hooks login --oauth\` again.`,
    );
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 7_200;
  return {
    access_token: body.access_token,
    refresh_token: body.refresh_token,
    expires_at: Date.now() + expiresIn * 1000,
    lifetime_ms: expiresIn * 1000,
    client_secret: clientSecret,
  };
}
