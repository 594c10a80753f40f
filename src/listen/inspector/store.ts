import type { InspectedDelivery } from './record.js';

const KEEP = 1_000;

/** The deliveries the inspector shows (the newest KEEP), and who is watching for changes. */
export class InspectorStore {
  private readonly records = new Map<number, InspectedDelivery>();
  private readonly watchers = new Set<(record: InspectedDelivery) => void>();

  /** Adds a delivery or replaces it (its forward result arrived). */
  put(record: InspectedDelivery): void {
    this.records.delete(record.id);
    this.records.set(record.id, record);
    if (this.records.size > KEEP) {
      const oldest = this.records.keys().next().value;
      if (oldest !== undefined) this.records.delete(oldest);
    }
    for (const watcher of this.watchers) watcher(record);
  }

  get(id: number): InspectedDelivery | undefined {
    return this.records.get(id);
  }

  /** Newest first. */
  list(): InspectedDelivery[] {
    return [...this.records.values()].reverse();
  }

  watch(watcher: (record: InspectedDelivery) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }
}
