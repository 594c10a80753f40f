import type { LinkSwapVerdict } from '../../../packages/webhooks/src/catalog/link-swap.js';
import type { Entry, ResponseSeen } from './record.js';

export const DEFAULT_BUDGET_BYTES = 64 * 1024 * 1024;
/** Rows at most, whatever their size: the list the page loads stays a few megabytes. */
const MAX_ROWS = 5_000;
/** Events kept for a page that reconnects (it then asks for those after its last one). */
const EVENTS_KEPT = 2_000;

/** An entry, or what builds it when it is first needed. */
interface Slot {
  bytes: number;
  entry?: Entry;
  build?: () => Entry;
}

function withVersion(entry: Entry, version: number): Entry {
  entry.row.version = version;
  return entry;
}

/** A row that changed (read it with `get(key)` when it is written out), or the list was cleared. */
export type StoreEvent = { seq: number; type: 'row'; key: string } | { seq: number; type: 'clear' };

/**
 * What the inspector keeps: the newest entries within a byte budget (bodies, headers and
 * responses counted; a forgery's large body is never kept, see record.ts), and the recent events
 * a reconnecting page may have missed. Nothing here serialises the whole store.
 */
export class InspectorStore {
  private readonly entries = new Map<string, Slot>();
  /**
   * Keys in the order they were put, for eviction (a Map's first key is slow to find once many
   * have been deleted from its front). A key put again appears twice; the older place is skipped.
   */
  private order: string[] = [];
  private head = 0;
  private readonly places = new Map<string, number>();
  private readonly watchers = new Set<(event: StoreEvent) => void>();
  /** The newest EVENTS_KEPT events, a ring indexed by sequence number. */
  private readonly events: (StoreEvent | undefined)[] = new Array(EVENTS_KEPT);
  private bytes = 0;
  private seq = 0;
  private replays = 0;

  constructor(readonly budgetBytes = DEFAULT_BUDGET_BYTES) {}

  /**
   * A slot's entry, built on first need. Until then the slot holds what builds it (the whole
   * delivery, a forgery's megabyte included) and is counted so; once built, it counts what the
   * entry keeps (a forgery: its prefix).
   */
  private built(slot: Slot): Entry {
    if (!slot.entry) {
      slot.entry = (slot.build as () => Entry)();
      slot.build = undefined;
      this.bytes += slot.entry.bytes - slot.bytes;
      slot.bytes = slot.entry.bytes;
    }
    return slot.entry;
  }

  /** Adds an entry or replaces the one with its key. */
  put(entry: Entry): void {
    this.putSlot(entry.row.key, { bytes: entry.bytes, entry });
  }

  /**
   * Adds an entry that is built only when it is needed: when the event stream writes its row, or
   * when a page asks for it. An inspector nobody looks at costs the receiver next to nothing.
   */
  putLazy(key: string, bytes: number, build: () => Entry): void {
    this.putSlot(key, { bytes, build });
  }

  private putSlot(key: string, slot: Slot): void {
    const earlier = this.entries.get(key);
    if (earlier) {
      this.bytes -= earlier.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, slot);
    this.places.set(key, this.order.length);
    this.order.push(key);
    this.bytes += slot.bytes;
    while ((this.bytes > this.budgetBytes || this.entries.size > MAX_ROWS) && this.entries.size > 1) {
      const place = this.head++;
      const oldestKey = this.order[place] as string;
      if (this.places.get(oldestKey) !== place) continue;
      const oldest = this.entries.get(oldestKey) as Slot;
      this.entries.delete(oldestKey);
      this.places.delete(oldestKey);
      this.bytes -= oldest.bytes;
    }
    if (this.head > 4 * MAX_ROWS) this.compactOrder();
    if (earlier?.entry) {
      const version = earlier.entry.row.version + 1;
      const build = slot.build;
      if (slot.entry) slot.entry.row.version = version;
      else if (build) slot.build = () => withVersion(build(), version);
    }
    if (this.watchers.size > 0) {
      this.emit({ seq: 0, type: 'row', key });
    } else {
      // Nobody watches: the event is numbered but not kept, so a page that comes back reloads.
      this.seq += 1;
      this.events[this.seq % EVENTS_KEPT] = undefined;
    }
  }

  /**
   * A delivery's answer, once known: its forward's response and, for link_swap, the verdict.
   * `answer` builds them only when a row needs them (a page watches, or the row was built);
   * `bytes` is what they add to the budget.
   */
  setAnswer(
    key: string,
    bytes: number,
    answer: () => { forward: ResponseSeen | null; linkSwap: LinkSwapVerdict | null },
  ): void {
    const slot = this.entries.get(key);
    if (!slot) return;
    if (!slot.entry && this.watchers.size === 0) {
      // Nobody has looked at it: its builder reads the delivery, which holds the answer by now, so
      // the row is not built for this either; only what the answer adds is counted.
      slot.bytes += bytes;
      this.bytes += bytes;
      this.seq += 1;
      this.events[this.seq % EVENTS_KEPT] = undefined;
      return;
    }
    const { forward, linkSwap } = answer();
    const entry = this.built(slot);
    entry.response = forward;
    entry.row = {
      ...entry.row,
      version: entry.row.version + 1,
      forward: forward && { status: forward.status, ms: forward.ms, error: forward.error },
      ...(forward?.route ? { target: forward.route } : {}),
      link_swap: linkSwap,
    };
    entry.bytes += bytes;
    slot.bytes += bytes;
    this.bytes += bytes;
    this.emit({ seq: 0, type: 'row', key });
  }

  /** The key of the next replay row (`r1`, `r2`, ...). */
  nextReplayKey(): string {
    this.replays += 1;
    return `r${this.replays}`;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): Entry | undefined {
    const slot = this.entries.get(key);
    return slot && this.built(slot);
  }

  /** Keys, newest first (rows are built only as they are read: see `get`). */
  keys(): string[] {
    return [...this.entries.keys()].reverse();
  }

  /** Oldest first, for the export. */
  all(): Entry[] {
    return [...this.entries.values()].map((slot) => this.built(slot));
  }

  private compactOrder(): void {
    this.order = this.order.slice(this.head);
    this.head = 0;
    this.places.clear();
    this.order.forEach((key, place) => {
      this.places.set(key, place);
    });
  }

  clear(): void {
    this.entries.clear();
    this.order = [];
    this.head = 0;
    this.places.clear();
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
    if (this.seq - seq > EVENTS_KEPT) return undefined;
    const missed: StoreEvent[] = [];
    for (let next = seq + 1; next <= this.seq; next++) {
      const event = this.events[next % EVENTS_KEPT];
      if (event === undefined) return undefined;
      missed.push(event);
    }
    return missed;
  }

  watch(watcher: (event: StoreEvent) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  private emit(event: StoreEvent): void {
    this.seq += 1;
    event.seq = this.seq;
    this.events[this.seq % EVENTS_KEPT] = event;
    for (const watcher of this.watchers) watcher(event);
  }
}
