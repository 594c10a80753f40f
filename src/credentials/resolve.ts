import type { AccessTokenSource } from '../salesloft/client.js';
import { UsageError } from '../shared/errors.js';
import { parseOAuthSecret, StoredOAuthToken } from './oauth-tokens.js';
import { type Profile, readProfiles, requireProfile, type StoreKind } from './profiles.js';
import { loadSecret } from './secrets.js';

/** A key taken from a stored login. */
export interface StoredCredential {
  profile: string;
  /** The API key, or the OAuth access token good for now. */
  apiKey: string;
  apiUrl: string;
  store: StoreKind;
  details: Profile;
  /** For an OAuth login: where every request gets its (refreshed) access token. */
  token?: AccessTokenSource;
  /** What stays the same across refreshes: the key, or the OAuth client at its API. */
  identity: string;
}

/**
 * The credential of the profile named (--profile, SALESLOFT_PROFILE), else of the default profile;
 * undefined when none is named and there is no default. A named profile that does not exist, or
 * whose secret is gone, is a usage error that says what to do.
 */
export async function storedCredential(
  configDir: string,
  named: string | undefined,
  secretOf: (configDir: string, profile: string, details: Profile) => Promise<string | undefined> = (
    dir,
    name,
    details,
  ) => loadSecret(dir, name, details.store),
): Promise<StoredCredential | undefined> {
  const file = await readProfiles(configDir);
  const name = named ?? file.default ?? undefined;
  if (name === undefined) return undefined;
  const details = requireProfile(file, name);
  const secret = await secretOf(configDir, name, details);
  if (!secret) {
    throw new UsageError(
      `Profile "${name}" has no key in ${details.store === 'keyring' ? 'the OS keychain' : 'the credentials file'} any more: run \`salesloft-hooks login --profile ${name}\` again.`,
      'missing_api_key',
    );
  }
  if (details.kind === 'oauth' && details.oauth) {
    const token = new StoredOAuthToken(
      {
        configDir,
        name,
        store: details.store,
        clientId: details.oauth.client_id,
        accountsUrl: details.oauth.accounts_url,
      },
      parseOAuthSecret(secret, name),
    );
    return {
      profile: name,
      apiKey: await token.current(),
      apiUrl: details.api_url,
      store: details.store,
      details,
      token,
      identity: `oauth:${details.oauth.client_id}@${details.api_url}`,
    };
  }
  return {
    profile: name,
    apiKey: secret,
    apiUrl: details.api_url,
    store: details.store,
    details,
    identity: secret,
  };
}
