import type { Team } from '../../packages/webhooks/src/salesloft/types.js';
import type { SalesloftClient } from '../salesloft/client.js';
import { profileNameFor, readProfiles, requireProfile, type StoreKind, writeProfiles } from './profiles.js';
import { deleteSecret, saveSecret } from './secrets.js';

/** What `login` did: the profile, whose it is, and where its key went. */
export interface LoginResult {
  profile: string;
  team: Team | null;
  user: { id: number; name: string | null; email: string | null };
  api_url: string;
  store: StoreKind;
  default: boolean;
}

/**
 * Checks a key with `GET /v2/me` (a refused key fails here, exit 3, and nothing is stored) and
 * `GET /v2/team`, then keeps it under a profile named after the team (or `profile`), which becomes
 * the default. `fallback` says why the key went to the file rather than the OS keychain.
 */
export async function loginWithKey(input: {
  api: Pick<SalesloftClient, 'me' | 'team'>;
  apiKey: string;
  apiUrl: string;
  configDir: string;
  profile?: string | undefined;
  /** What the secret is: the key itself, or an OAuth application's tokens. */
  secret?: string;
  oauth?: { client_id: string; accounts_url: string };
}): Promise<LoginResult & { fallback?: string }> {
  const me = await input.api.me();
  const team = await input.api
    .team()
    .catch(() => (me.team_id === null ? null : { id: me.team_id, name: `team ${me.team_id}` }));
  const name = input.profile ?? profileNameFor(team);
  const saved = await saveSecret(input.configDir, name, input.secret ?? input.apiKey);
  const profiles = await readProfiles(input.configDir);
  profiles.profiles[name] = {
    api_url: input.apiUrl,
    team,
    user: { name: me.name, email: me.email },
    store: saved.store,
    kind: input.oauth ? 'oauth' : 'api_key',
    ...(input.oauth ? { oauth: input.oauth } : {}),
  };
  profiles.default = name;
  await writeProfiles(input.configDir, profiles);
  return {
    profile: name,
    team,
    user: { id: me.id, name: me.name, email: me.email },
    api_url: input.apiUrl,
    store: saved.store,
    default: true,
    ...(saved.fallback ? { fallback: saved.fallback } : {}),
  };
}

/** Forgets a profile: its secret (from the keychain too) and its entry. The default goes with it. */
export async function logout(
  configDir: string,
  name: string,
): Promise<{ profile: string; store: StoreKind; default_now: string | null }> {
  const profiles = await readProfiles(configDir);
  const profile = requireProfile(profiles, name);
  await deleteSecret(configDir, name, profile.store);
  delete profiles.profiles[name];
  if (profiles.default === name) profiles.default = null;
  await writeProfiles(configDir, profiles);
  return { profile: name, store: profile.store, default_now: profiles.default };
}
