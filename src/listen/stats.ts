import { byText, count } from '../shared/text.js';
import type { Delivery } from './delivery.js';

/** What a session received, for the line printed when it ends. */
export class SessionStats {
  verified = 0;
  invalid = 0;
  private readonly forwards = new Map<string, number>();

  add(delivery: Delivery): void {
    if (delivery.signature.valid) this.verified += 1;
    else this.invalid += 1;
    if (!delivery.forward) return;
    const status = delivery.forward.status;
    const kind = status === null ? 'failed' : `${Math.floor(status / 100)}xx`;
    this.forwards.set(kind, (this.forwards.get(kind) ?? 0) + 1);
  }

  /** `3 deliveries: 2 verified, 1 invalid; forwarded: 2 2xx, 1 failed`. */
  summary(): string {
    const total = this.verified + this.invalid;
    let line = `${count(total, 'delivery', 'deliveries')}: ${this.verified} verified, ${this.invalid} invalid`;
    if (this.forwards.size > 0) {
      const kinds = [...this.forwards.entries()].sort(([a], [b]) => byText(a, b));
      line += `; forwarded: ${kinds.map(([kind, n]) => `${n} ${kind}`).join(', ')}`;
    }
    return line;
  }
}
