import type { Entry, InspectorRow, ResponseSeen } from './record.js';

export const DEFAULT_BUDGET_BYTES = 64 * 1024 * 1024;
/** Rows at most, whatever their size: the list the page loads stays a few megabytes. */
const MAX_ROWS = 5_000;
/** Events kept for a page that reconnects (it then asks for those after its last one). */
const EVENTS_KEPT = 2_000;

export type StoreEvent = { seq: number; type: 'row'; row: InspectorRow } | { seq: number; type: 'clear' };

/**
 * What the inspector keeps: the newest entries within a byte budget (bodies, headers and
 * responses counted; a forgery's large body is never kept, see record.ts), and the recent events
 * a reconnecting page may have missed. Nothing here serialises the whole store.
 */
export class InspectorStore {
  private readonly entries = new Map<string, Entry>();
  private readonly watchers = new Set<(event: StoreEvent) => void>();
  private readonly events: StoreEvent[] = [];
  private bytes = 0;
  private seq = 0;
  private replays = 0;

  constructor(readonly budgetBytes = DEFAULT_BUDGET_BYTES) {}

  /** Adds an entry or replaces the one with its key (a forward's answer arrived). */
  put(entry: Entry): void {
    const earlier = this.entries.get(entry.row.key);
    if (earlier) {
      this.bytes -= earlier.bytes;
      this.entries.delete(entry.row.key);
      entry.row.version = earlier.row.version + 1;
    }
    this.entries.set(entry.row.key, entry);
    this.bytes += entry.bytes;
    while ((this.bytes > this.budgetBytes || this.entries.size > MAX_ROWS) && this.entries.size > 1) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(oldestKey);
      this.bytes -= oldest.bytes;
    }
    this.emit({ seq: 0, type: 'row', row: entry.row });
  }

  /** A forward's answer arrived for an entry already shown. */
  setForward(key: string, forward: ResponseSeen): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    const bytes = (forward.body?.length ?? 0) + JSON.stringify(forward.headers ?? {}).length;
    entry.response = forward;
    entry.row = {
      ...entry.row,
      version: entry.row.version + 1,
      forward: { status: forward.status, ms: forward.ms, error: forward.error },
    };
    entry.bytes += bytes;
    this.bytes += bytes;
    this.emit({ seq: 0, type: 'row', row: entry.row });
  }

  /** The key of the next replay row (`r1`, `r2`, ...). */
  nextReplayKey(): string {
    this.replays += 1;
    return `r${this.replays}`;
  }

  get(key: string): Entry | undefined {
    return this.entries.get(key);
  }

  /** Newest first. */
  rows(): InspectorRow[] {
    return [...this.entries.values()].reverse().map((entry) => entry.row);
  }

  /** Oldest first, for the export. */
  all(): Entry[] {
    return [...this.entries.values()];
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.emit({ seq: 0, type: 'clear' });
  }

  get usedBytes(): number {
    return this.bytes;
  }

  /** The sequence number of the last event, for a page that starts listening. */
  get lastSeq(): number {
    return this.seq;
  }

  /** Events after `seq`, or undefined when some of them are no longer kept (the page reloads). */
  since(seq: number): StoreEvent[] | undefined {
    if (seq >= this.seq) return [];
    const first = this.events[0];
    if (!first || first.seq > seq + 1) return undefined;
    return this.events.filter((event) => event.seq > seq);
  }

  watch(watcher: (event: StoreEvent) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  private emit(event: StoreEvent): void {
    this.seq += 1;
    const numbered = { ...event, seq: this.seq } as StoreEvent;
    this.events.push(numbered);
    if (this.events.length > EVENTS_KEPT) this.events.splice(0, this.events.length - EVENTS_KEPT);
    for (const watcher of this.watchers) watcher(numbered);
  }
}
