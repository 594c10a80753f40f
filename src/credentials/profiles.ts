import { join } from 'node:path';
import type { Team } from '../../packages/webhooks/src/salesloft/types.js';
import { UsageError } from '../shared/errors.js';
import { readJsonFile, writeJsonFile } from './files.js';

/** Where a profile's secret is: the OS keychain, or the 0600 credentials file. */
export type StoreKind = 'keyring' | 'file';

/** One stored login: which team at which API, and where its secret is (never the secret itself). */
export interface Profile {
  api_url: string;
  team: Team | null;
  user: { name: string | null; email: string | null } | null;
  store: StoreKind;
  /** An API key, or an OAuth application's tokens (refreshed as they expire). */
  kind: 'api_key' | 'oauth';
  oauth?: { client_id: string; accounts_url: string };
}

export interface ProfilesFile {
  v: 1;
  default: string | null;
  profiles: Record<string, Profile>;
}

const EMPTY: ProfilesFile = { v: 1, default: null, profiles: {} };

export function profilesFile(configDir: string): string {
  return join(configDir, 'profiles.json');
}

export async function readProfiles(configDir: string): Promise<ProfilesFile> {
  const data = await readJsonFile<ProfilesFile>(profilesFile(configDir), EMPTY);
  return { v: 1, default: data.default ?? null, profiles: { ...data.profiles } };
}

export function writeProfiles(configDir: string, data: ProfilesFile): Promise<void> {
  return writeJsonFile(profilesFile(configDir), data);
}

/** `acme-eu` for "Acme EU": a team's name as a profile name. */
export function profileNameFor(team: Team | null): string {
  const slug = (team?.name ?? '')
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || (team ? `team-${team.id}` : 'default');
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

/** A profile name a user typed: letters, digits, `.`, `_`, `-`. */
export function checkProfileName(name: string): string {
  if (!NAME.test(name)) {
    throw new UsageError(
      `"${name}" is not a profile name: use letters, digits, ".", "_" and "-" (64 at most).`,
      'bad_profile',
    );
  }
  return name;
}

/** The profile called `name`, or a usage error listing the ones there are. */
export function requireProfile(file: ProfilesFile, name: string): Profile {
  const profile = file.profiles[name];
  if (profile) return profile;
  const known = Object.keys(file.profiles);
  throw new UsageError(
    known.length === 0
      ? `No profile "${name}": there are no logins yet (run \`salesloft-hooks login\`).`
      : `No profile "${name}" (there ${known.length === 1 ? 'is' : 'are'} ${known.join(', ')}; \`salesloft-hooks login --list\`).`,
    'unknown_profile',
  );
}
