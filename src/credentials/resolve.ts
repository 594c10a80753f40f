import { UsageError } from '../shared/errors.js';
import { type Profile, readProfiles, requireProfile, type StoreKind } from './profiles.js';
import { loadSecret } from './secrets.js';

/** A key taken from a stored login. */
export interface StoredCredential {
  profile: string;
  apiKey: string;
  apiUrl: string;
  store: StoreKind;
  details: Profile;
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
  const apiKey = await secretOf(configDir, name, details);
  if (!apiKey) {
    throw new UsageError(
      `Profile "${name}" has no key in ${details.store === 'keyring' ? 'the OS keychain' : 'the credentials file'} any more: run \`salesloft-hooks login --profile ${name}\` again.`,
      'missing_api_key',
    );
  }
  return { profile: name, apiKey, apiUrl: details.api_url, store: details.store, details };
}
