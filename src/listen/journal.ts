import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** What a running `listen` session has created, kept on disk so a crash can be cleaned up by `prune`. */
export interface JournalData {
  v: 1;
  session_id: string;
  pid: number;
  hostname: string;
  started_at: string;
  api_url: string;
  callback_url: string;
  subscription_ids: number[];
  /** Refreshed while the session runs, so that another host (or container) can tell it is alive. */
  heartbeat_at?: string;
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
    data: Omit<JournalData, 'v' | 'pid' | 'hostname' | 'subscription_ids'>,
  ): Promise<SessionJournal> {
    const dir = sessionsDir(stateDir);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const journal = new SessionJournal(join(dir, `${data.session_id}.json`), {
      v: 1,
      pid: process.pid,
      hostname: hostname(),
      subscription_ids: [],
      heartbeat_at: new Date().toISOString(),
      ...data,
    });
    await journal.save();
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
  now?: number;
  /** Count other hosts' sessions as dead even with a fresh heartbeat (`prune --all-hosts`). */
  allHosts?: boolean;
}

/**
 * Journals of sessions that are no longer running. On this host a session is alive while its
 * process is; a session of another host (a container, a shared home directory) is alive while its
 * heartbeat is fresh.
 */
export async function deadSessionJournals(
  stateDir: string,
  liveness: Liveness = {},
): Promise<FoundJournal[]> {
  let names: string[];
  try {
    names = await readdir(sessionsDir(stateDir));
  } catch {
    return [];
  }
  const found: FoundJournal[] = [];
  for (const name of names.filter((entry) => entry.endsWith('.json'))) {
    const file = join(sessionsDir(stateDir), name);
    try {
      const data = JSON.parse(await readFile(file, 'utf8')) as JournalData;
      if (data.v !== 1 || !Array.isArray(data.subscription_ids)) continue;
      if (!isDead(data, liveness)) continue;
      found.push({ file, data });
    } catch {
      // A journal cut short by a crash mid-write is skipped; the next session rewrites its own.
    }
  }
  return found;
}

function isDead(
  data: JournalData,
  { isAlive = pidAlive, now = Date.now(), allHosts = false }: Liveness,
): boolean {
  if (data.hostname === hostname()) return data.pid !== process.pid && !isAlive(data.pid);
  if (allHosts) return true;
  const beat = Date.parse(data.heartbeat_at ?? data.started_at);
  return Number.isNaN(beat) || now - beat > HEARTBEAT_STALE_MS;
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
