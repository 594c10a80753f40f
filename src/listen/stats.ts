import type { Delivery } from './delivery.js';
import type { SessionTotals } from './session-events.js';

/** What a session received, for the summary when it ends. */
export class SessionStats {
  private verified = 0;
  private invalid = 0;
  private readonly forwards: Record<string, number> = {};
  private replays = 0;

  /** A replay sent from the inspector's page: not one of Salesloft's deliveries. */
  addReplay(): void {
    this.replays += 1;
  }

  add(delivery: Delivery): void {
    if (delivery.signature.valid) this.verified += 1;
    else this.invalid += 1;
    if (!delivery.forward) return;
    const status = delivery.forward.status;
    const kind = status === null ? 'failed' : `${Math.floor(status / 100)}xx`;
    this.forwards[kind] = (this.forwards[kind] ?? 0) + 1;
  }

  totals(): SessionTotals {
    return {
      verified: this.verified,
      invalid: this.invalid,
      forwards: { ...this.forwards },
      replays: this.replays,
    };
  }
}
