import type { Subscription } from '../salesloft/types.js';

export type ShownSubscription = Subscription | Omit<Subscription, 'callback_token'>;

/** What output shows of a subscription: the callback token only when asked for. */
export function publicView(
  subscription: Subscription,
  showTokens: boolean,
): Subscription | Omit<Subscription, 'callback_token'> {
  if (showTokens) return subscription;
  const { callback_token: _hidden, ...rest } = subscription;
  return rest;
}

export function byId(a: { id: number }, b: { id: number }): number {
  return a.id - b.id;
}
