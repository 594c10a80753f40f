import { randomUUID } from 'node:crypto';
import type { NewSubscription, Subscription } from '../salesloft/types.js';

/** The emulated team's subscriptions, in memory. */
export class SubscriptionStore {
  private readonly byId = new Map<number, Subscription>();
  private nextId = 101;
  readonly tenantId = 4242;
  readonly userGuid = randomUUID();

  list(filter: { enabled?: boolean } = {}): Subscription[] {
    const all = [...this.byId.values()];
    return filter.enabled === undefined ? all : all.filter((sub) => sub.enabled === filter.enabled);
  }

  get(id: number): Subscription | undefined {
    return this.byId.get(id);
  }

  create(input: NewSubscription): Subscription {
    const subscription: Subscription = {
      id: this.nextId++,
      callback_url: input.callback_url,
      callback_token: input.callback_token,
      event_type: input.event_type,
      enabled: true,
      tenant_id: this.tenantId,
      user_guid: this.userGuid,
    };
    this.byId.set(subscription.id, subscription);
    return { ...subscription };
  }

  setEnabled(id: number, enabled: boolean): Subscription | undefined {
    const subscription = this.byId.get(id);
    if (!subscription) return undefined;
    subscription.enabled = enabled;
    return { ...subscription };
  }

  delete(id: number): boolean {
    return this.byId.delete(id);
  }

  clear(): void {
    this.byId.clear();
  }
}
