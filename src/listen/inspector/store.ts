import type { InspectedDelivery } from './record.js';

const KEEP = 1_000;

/**
 * The deliveries the inspector shows (the newest KEEP), and who is watching for changes. A record
 * is built only when the page asks for it or is watching, so an unwatched inspector costs the
 * receiver next to nothing.
 */
export class InspectorStore {
  private readonly records = new Map<number, () => InspectedDelivery>();
  private readonly watchers = new Set<(record: InspectedDelivery) => void>();

  /** Adds a delivery or replaces it (its forward result arrived). */
  put(id: number, build: () => InspectedDelivery): void {
    let built: InspectedDelivery | undefined;
    const once = () => {
      built ??= build();
      return built;
    };
    this.records.delete(id);
    this.records.set(id, once);
    if (this.records.size > KEEP) {
      const oldest = this.records.keys().next().value;
      if (oldest !== undefined) this.records.delete(oldest);
    }
    for (const watcher of this.watchers) watcher(once());
  }

  get(id: number): InspectedDelivery | undefined {
    return this.records.get(id)?.();
  }

  /** Newest first. */
  list(): InspectedDelivery[] {
    return [...this.records.values()].reverse().map((build) => build());
  }

  watch(watcher: (record: InspectedDelivery) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }
}
