import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Team } from '../../packages/webhooks/src/salesloft/types.js';

/** A key's team does not change; a day bounds how long a renamed team shows its old name. */
const FRESH_MS = 24 * 60 * 60_000;

type Cached = Record<string, { id: number; name: string; at: number }>;

/** The cache entry's name: the API and the credential, hashed (never the key itself). */
function entryOf(apiUrl: string, credential: string): string {
  return createHash('sha256').update(`${apiUrl}\n${credential}`).digest('hex');
}

function read(file: string): Cached {
  try {
    if (!lstatSync(file).isFile()) return {};
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Cached) : {};
  } catch {
    return {};
  }
}

/**
 * The team `GET /v2/team` named for this credential at this API, when it did so in the last day:
 * a command that names its team then costs no second request. Anything odd in the file is a miss.
 */
export function cachedTeam(
  cacheDir: string,
  apiUrl: string,
  credential: string,
  now = Date.now(),
): Team | undefined {
  const entry = read(join(cacheDir, 'teams.json'))[entryOf(apiUrl, credential)];
  if (!entry || typeof entry.id !== 'number' || typeof entry.name !== 'string') return undefined;
  if (typeof entry.at !== 'number' || now - entry.at > FRESH_MS || entry.at > now) return undefined;
  return { id: entry.id, name: entry.name };
}

/** Remembers a team; a cache folder that cannot be written costs only the next request. */
export function rememberTeam(
  cacheDir: string,
  apiUrl: string,
  credential: string,
  team: Team,
  now = Date.now(),
): void {
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const file = join(cacheDir, 'teams.json');
    const data = read(file);
    data[entryOf(apiUrl, credential)] = { id: team.id, name: team.name, at: now };
    const temp = join(cacheDir, `.teams.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    writeFileSync(temp, JSON.stringify(data), { mode: 0o600, flag: 'wx' });
    renameSync(temp, file);
  } catch {
    // Only speed is lost.
  }
}
