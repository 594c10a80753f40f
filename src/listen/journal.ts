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
}

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
      ...data,
    });
    await journal.save();
    return journal;
  }

  add(id: number): Promise<void> {
    this.data.subscription_ids.push(id);
    return this.save();
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
    this.writes = this.writes.then(async () => {
      const temp = `${this.file}.${process.pid}.tmp`;
      await writeFile(temp, text, { mode: 0o600 });
      await rename(temp, this.file);
    });
    return this.writes;
  }
}

export interface FoundJournal {
  file: string;
  data: JournalData;
}

/** Journals of sessions that are no longer running on this machine. */
export async function deadSessionJournals(
  stateDir: string,
  isAlive: (pid: number) => boolean = pidAlive,
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
      if (data.hostname === hostname() && data.pid !== process.pid && isAlive(data.pid)) continue;
      if (data.pid === process.pid) continue;
      found.push({ file, data });
    } catch {
      // A journal cut short by a crash mid-write is skipped; the next session rewrites its own.
    }
  }
  return found;
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
