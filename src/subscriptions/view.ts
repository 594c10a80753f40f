import type { Subscription } from '../../packages/webhooks/src/salesloft/types.js';

/** A subscription as a command shows it: its token only with --show-tokens. */
export type ShownSubscription = Omit<Subscription, 'callback_token'> & { callback_token?: string };

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
