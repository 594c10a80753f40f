import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccessTokenSource } from '../salesloft/client.js';
import { CliError, ExitCode } from '../shared/errors.js';
import { withFileLock } from './lock.js';
import { type OAuthSecret, refreshTokens } from './oauth.js';
import type { StoreKind } from './profiles.js';
import { loadSecret, replaceSecret } from './secrets.js';

/** Refresh when this little of the access token's life is left (a quarter of it, a minute at most). */
function margin(secret: OAuthSecret): number {
  return Math.min(60_000, (secret.lifetime_ms ?? 7_200_000) / 4);
}

export function parseOAuthSecret(text: string, profile: string): OAuthSecret {
  try {
    const secret = JSON.parse(text) as OAuthSecret;
    if (typeof secret.access_token === 'string' && typeof secret.refresh_token === 'string') return secret;
  } catch {
    // Said below.
  }
  throw new CliError(
    `Profile "${profile}" holds no OAuth tokens: run \`salesloft-hooks login --oauth --profile ${profile}\` again.`,
    'missing_api_key',
    ExitCode.usage,
  );
}

/**
 * The access token of an OAuth profile, for every request of a command (a `listen` can run for
 * days). Salesloft's refresh tokens rotate (a refresh revokes every older one), so a refresh runs
 * under a lock that every process of this profile respects, reads the stored pair again first
 * (another process may have refreshed it already), and stores the new pair before using it.
 */
export class StoredOAuthToken implements AccessTokenSource {
  private inFlight: Promise<string> | undefined;

  constructor(
    private readonly profile: {
      configDir: string;
      name: string;
      store: StoreKind;
      clientId: string;
      accountsUrl: string;
    },
    private secret: OAuthSecret,
  ) {}

  current(): Promise<string> {
    if (this.secret.expires_at - Date.now() > margin(this.secret))
      return Promise.resolve(this.secret.access_token);
    return this.refreshed(this.secret.access_token);
  }

  refreshed(stale: string): Promise<string> {
    this.inFlight ??= this.refresh(stale).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async refresh(stale: string): Promise<string> {
    const { configDir, name, store, clientId, accountsUrl } = this.profile;
    const locks = join(configDir, 'locks');
    await mkdir(locks, { recursive: true, mode: 0o700 });
    return withFileLock(join(locks, `${name}.lock`), async () => {
      const stored = parseOAuthSecret((await loadSecret(configDir, name, store)) ?? '', name);
      if (stored.access_token !== stale && stored.expires_at - Date.now() > margin(stored)) {
        this.secret = stored;
        return stored.access_token;
      }
      const fresh = await refreshTokens({ accountsUrl, clientId, secret: stored });
      await replaceSecret(configDir, name, store, JSON.stringify(fresh));
      this.secret = fresh;
      return fresh.access_token;
    });
  }
}
