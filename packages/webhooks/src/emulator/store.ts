import type { NewSubscription, Subscription } from '../salesloft/types.js';
import { DEFAULT_TEAM, type EmulatedApplication } from './directory.js';

interface Stored {
  subscription: Subscription;
  /** The API key whose application made it; undefined for one seeded without HTTP (seen by every key). */
  owner: string | undefined;
}

/** Whose view of the subscriptions: an application's (its own, and any seeded for all), or all of them. */
export type Viewer = Pick<EmulatedApplication, 'key'> | undefined;

/** The emulated teams' subscriptions, in memory. */
export class SubscriptionStore {
  private readonly byId = new Map<number, Stored>();
  private nextId = 101;

  /**
   * The subscriptions `viewer` sees (all of them when there is no viewer: the emulator's own view),
   * optionally only the enabled or disabled ones. The stored objects themselves: a test may tamper.
   */
  list(filter: { enabled?: boolean } = {}, viewer?: Viewer): Subscription[] {
    return [...this.byId.values()]
      .filter((stored) => visible(stored, viewer))
      .map((stored) => stored.subscription)
      .filter((sub) => filter.enabled === undefined || sub.enabled === filter.enabled);
  }

  get(id: number, viewer?: Viewer): Subscription | undefined {
    const stored = this.byId.get(id);
    return stored && visible(stored, viewer) ? { ...stored.subscription } : undefined;
  }

  /**
   * Creates one subscription. With an application, it is that application's (of its team, as its
   * user); without one, it is seeded for every key of the default team to see.
   */
  create(input: NewSubscription, application?: EmulatedApplication): Subscription {
    const subscription: Subscription = {
      id: this.nextId++,
      callback_url: input.callback_url,
      callback_token: input.callback_token,
      event_type: input.event_type,
      enabled: true,
      tenant_id: application?.team.id ?? DEFAULT_TEAM.id,
      user_guid: application?.user.guid ?? SEEDED_USER_GUID,
    };
    this.byId.set(subscription.id, { subscription, owner: application?.key });
    return { ...subscription };
  }

  setEnabled(id: number, enabled: boolean, viewer?: Viewer): Subscription | undefined {
    const stored = this.byId.get(id);
    if (!stored || !visible(stored, viewer)) return undefined;
    stored.subscription.enabled = enabled;
    return { ...stored.subscription };
  }

  delete(id: number, viewer?: Viewer): boolean {
    const stored = this.byId.get(id);
    if (!stored || !visible(stored, viewer)) return false;
    return this.byId.delete(id);
  }

  clear(): void {
    this.byId.clear();
  }
}

const SEEDED_USER_GUID = '00000000-0000-4000-a000-000000000000';

function visible(stored: Stored, viewer: Viewer): boolean {
  return viewer === undefined || stored.owner === undefined || stored.owner === viewer.key;
}
