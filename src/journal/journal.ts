import { createHash } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { stateDirError } from '../shared/errors.js';
import { readStateFile, trustStateDir } from '../shared/state-dir.js';

/** The path a listen session's deliveries come to (on the receiver, behind the tunnel). */
export function sessionPath(sessionId: string): string {
  return `/salesloft-hooks/${sessionId}`;
}

/**
 * What a running `listen` session (or a `subscribe` batch) has created, kept on disk so a crash can
 * be cleaned up by `prune`.
 */
export interface JournalData {
  v: 1;
  /**
   * `listen` (the default, for journals written before it existed), a `subscribe` batch, or a
   * `sync` run (its creates are declared in its file: a dead one is reported, never pruned).
   */
  kind?: 'listen' | 'subscribe' | 'sync';
  session_id: string;
  pid: number;
  hostname: string;
  /** The PID namespace and boot the pid belongs to: the pid means something only where both match. */
  pid_ns?: string;
  boot_id?: string;
  started_at: string;
  api_url: string;
  callback_url: string;
  subscription_ids: number[];
  /** The event types it set out to subscribe (a `subscribe` batch's, or a listen session's for `trigger`). */
  event_types?: string[];
  /** The SHA-256 of the token it signs or subscribes with (a `trigger` through listen checks it). */
  token_sha256?: string;
  /** A listen session's own receiver on this machine, where `trigger` and `replay` deliver. */
  receiver_url?: string;
  /** Refreshed while the session runs, so that another host (or container) can tell it is alive. */
  heartbeat_at?: string;
  /** Whose credential made it: only that credential's application can see (and prune) its subscriptions. */
  owner?: JournalOwner;
  /** The session's tunnel process (cloudflared): `prune` stops it if the session died leaving it. */
  tunnel_pid?: number;
}

/**
 * The team and credential a journal was written with. Salesloft lists subscriptions per
 * application, so another key sees none of them: `prune` must not take "nothing found" with
 * another team's key for "nothing left". Never the key: its SHA-256.
 */
export interface JournalOwner {
  team_id?: number;
  team_name?: string;
  /** SHA-256 of the API key (or of the OAuth profile's identity): what says "the same credential". */
  credential_sha256: string;
  /** The profile it came from, when it came from one: what `prune --profile` needs. */
  profile?: string;
}

/** A journal's owner from what a command knows: its team (when Salesloft said) and its credential. */
export function journalOwner(
  team: { id: number; name: string } | null,
  credential: string,
  profile?: string,
): JournalOwner {
  return {
    ...(team ? { team_id: team.id, team_name: team.name } : {}),
    credential_sha256: tokenDigest(credential),
    ...(profile === undefined ? {} : { profile }),
  };
}

/** This process's PID namespace and boot, as recorded in a journal (undefined where unknown). */
export function processIdentity(): { pid_ns?: string; boot_id?: string } {
  const read = (get: () => string): string | undefined => {
    try {
      return get().trim() || undefined;
    } catch {
      return undefined;
    }
  };
  const pidNs = read(() => readlinkSync('/proc/self/ns/pid'));
  const bootId = read(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8'));
  return { ...(pidNs ? { pid_ns: pidNs } : {}), ...(bootId ? { boot_id: bootId } : {}) };
}

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** How often a running session refreshes its heartbeat, and when a silent one counts as dead. */
export const HEARTBEAT_MS = 30_000;
export const HEARTBEAT_STALE_MS = 5 * HEARTBEAT_MS;

export function sessionsDir(stateDir: string): string {
  return join(stateDir, 'sessions');
}

/** The journal file of one session: written before the first create, updated after each. */
export class SessionJournal {
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    readonly data: JournalData,
  ) {}

  static async create(
    stateDir: string,
    data: Omit<JournalData, 'v' | 'pid' | 'hostname' | 'subscription_ids' | 'pid_ns' | 'boot_id'>,
  ): Promise<SessionJournal> {
    trustStateDir(stateDir);
    trustStateDir(sessionsDir(stateDir));
    const dir = sessionsDir(stateDir);
    const journal = new SessionJournal(join(dir, `${data.session_id}.json`), {
      v: 1,
      pid: process.pid,
      hostname: hostname(),
      ...processIdentity(),
      subscription_ids: [],
      heartbeat_at: new Date().toISOString(),
      ...data,
    });
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await journal.save();
    } catch (error) {
      // Before anything is created: a read-only or full state directory is the user's to fix.
      throw stateDirError(error);
    }
    return journal;
  }

  add(id: number): Promise<void> {
    this.data.subscription_ids.push(id);
    return this.save();
  }

  /** Refreshes the heartbeat every HEARTBEAT_MS until the returned function is called. */
  keepAlive(intervalMs = HEARTBEAT_MS): () => void {
    const timer = setInterval(() => {
      this.data.heartbeat_at = new Date().toISOString();
      this.save().catch(() => {
        // A missed heartbeat only makes the session look older; the next one may succeed.
      });
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Resolves once every update so far is on disk. */
  flushed(): Promise<void> {
    return this.writes;
  }

  async remove(): Promise<void> {
    await this.writes;
    await rm(this.file, { force: true });
  }

  /** Writes are serialised and atomic (temp file, then rename), always mode 0600. */
  private save(): Promise<void> {
    const text = `${JSON.stringify(this.data, null, 2)}\n`;
    const write = this.writes.then(async () => {
      const temp = `${this.file}.${process.pid}.tmp`;
      await writeFile(temp, text, { mode: 0o600 });
      await rename(temp, this.file);
    });
    // A failed write is reported to its caller; later writes still run.
    this.writes = write.catch(() => {});
    return write;
  }
}

export interface FoundJournal {
  file: string;
  data: JournalData;
}

export interface Liveness {
  isAlive?: (pid: number) => boolean;
  /** The state directory's clock, in ms (default: the modification time of a file written there now). */
  now?: number;
  /** Count other hosts' sessions as dead even with a fresh heartbeat (`prune --all-hosts`). */
  allHosts?: boolean;
  /** This process's PID namespace and boot (default: read from /proc). */
  identity?: { pid_ns?: string; boot_id?: string };
}

/**
 * Journals of sessions that are no longer running. A session's pid is checked only where it means
 * the same process: this host, this PID namespace and this boot. Anywhere else (a container on
 * host networking, a shared home directory, another machine) a session is alive while its
 * journal's heartbeat is fresh, judged by the file's modification time against the state
 * directory's own clock, so two hosts' wall clocks never meet. A journal is accepted only in its
 * own name: its file is `<session_id>.json`, and a listen session's callback URL ends with
 * `/salesloft-hooks/<session_id>` (a planted journal cannot name someone else's URL).
 */
export async function deadSessionJournals(
  stateDir: string,
  liveness: Liveness = {},
): Promise<FoundJournal[]> {
  return (await sessionJournals(stateDir, liveness))
    .filter((journal) => journal.dead)
    .map(({ file, data }) => ({ file, data }));
}

/** The journals of listen sessions that are running now (for `trigger` and `replay` without --to). */
export async function liveSessionJournals(
  stateDir: string,
  liveness: Liveness = {},
): Promise<FoundJournal[]> {
  return (await sessionJournals(stateDir, liveness))
    .filter((journal) => !journal.dead && journal.data.kind !== 'subscribe')
    .map(({ file, data }) => ({ file, data }));
}

async function sessionJournals(
  stateDir: string,
  liveness: Liveness,
): Promise<(FoundJournal & { dead: boolean })[]> {
  trustStateDir(stateDir);
  trustStateDir(sessionsDir(stateDir));
  let names: string[];
  try {
    names = await readdir(sessionsDir(stateDir));
  } catch {
    return [];
  }
  const journals = names.filter((entry) => entry.endsWith('.json'));
  if (journals.length === 0) return [];
  const now = liveness.now ?? (await stateDirNow(stateDir));
  const identity = liveness.identity ?? processIdentity();
  const found: (FoundJournal & { dead: boolean })[] = [];
  for (const name of journals) {
    const file = join(sessionsDir(stateDir), name);
    // A journal another user planted would have prune delete subscriptions with this user's key.
    const bytes = readStateFile(file);
    if (!bytes) continue;
    try {
      const data = JSON.parse(bytes.toString('utf8')) as JournalData;
      if (!wellFormed(data, name)) continue;
      const { mtimeMs } = await stat(file);
      found.push({ file, data, dead: isDead(data, { ...liveness, identity }, now - mtimeMs) });
    } catch {
      // A journal cut short by a crash mid-write is skipped; the next session rewrites its own.
    }
  }
  return found;
}

function wellFormed(data: JournalData, fileName: string): boolean {
  if (data.v !== 1 || !Array.isArray(data.subscription_ids)) return false;
  if (typeof data.session_id !== 'string' || fileName !== `${data.session_id}.json`) return false;
  if (typeof data.callback_url !== 'string') return false;
  if (data.kind === 'subscribe') {
    return Array.isArray(data.event_types) && typeof data.token_sha256 === 'string';
  }
  if (data.kind === 'sync') return true;
  try {
    return new URL(data.callback_url).pathname.endsWith(sessionPath(data.session_id));
  } catch {
    return false;
  }
}

function isDead(
  data: JournalData,
  { isAlive = pidAlive, allHosts = false, identity = {} }: Liveness,
  heartbeatAgeMs: number,
): boolean {
  // Journals written before namespaces were recorded hold only the hostname.
  const recorded = data.pid_ns !== undefined || data.boot_id !== undefined;
  const sameProcessSpace =
    data.hostname === hostname() &&
    (!recorded || (data.pid_ns === identity.pid_ns && data.boot_id === identity.boot_id));
  if (sameProcessSpace) return data.pid !== process.pid && !isAlive(data.pid);
  if (allHosts) return true;
  return heartbeatAgeMs > HEARTBEAT_STALE_MS;
}

/** Now by the state directory's clock: the modification time of a file written there. */
async function stateDirNow(stateDir: string): Promise<number> {
  const probe = join(sessionsDir(stateDir), `.now.${process.pid}.tmp`);
  try {
    await writeFile(probe, '');
    return (await stat(probe)).mtimeMs;
  } catch {
    return Date.now();
  } finally {
    await rm(probe, { force: true });
  }
}

/** Removes temporary journal files left by a crash mid-write, when their process is gone. */
export async function removeStaleTemporaryFiles(
  stateDir: string,
  isAlive: (pid: number) => boolean = pidAlive,
): Promise<void> {
  let names: string[];
  try {
    names = await readdir(sessionsDir(stateDir));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = /\.json\.(\d+)\.tmp$/.exec(name)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && !isAlive(Number(pid))) {
      await rm(join(sessionsDir(stateDir), name), { force: true });
    }
  }
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
