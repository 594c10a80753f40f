import { rm } from 'node:fs/promises';
import { ApiError } from '../errors.js';
import type { Subscription } from '../salesloft/types.js';
import type { SubscriptionApi } from '../subscriptions/api.js';
import type { FoundJournal } from './journal.js';

export interface PrunePlan {
  /** Subscriptions still in Salesloft that a dead session created (same id and callback URL). */
  targets: Subscription[];
  /** Journals of this API whose subscriptions will all be gone once the targets are deleted. */
  journals: FoundJournal[];
  /** Journals written against another API URL: left alone. */
  otherApi: FoundJournal[];
}

/**
 * Finds what dead sessions left behind. A subscription is a target only if its id AND its
 * callback URL match the journal, so an id reused for someone else's subscription is never deleted.
 */
export async function planPrune(
  api: SubscriptionApi,
  journals: readonly FoundJournal[],
  apiUrl: string,
): Promise<PrunePlan> {
  const mine = journals.filter((journal) => sameApi(journal.data.api_url, apiUrl));
  const otherApi = journals.filter((journal) => !sameApi(journal.data.api_url, apiUrl));
  const targets: Subscription[] = [];
  for (const journal of mine) {
    for (const id of journal.data.subscription_ids) {
      try {
        const sub = await api.get(id);
        if (sub.callback_url === journal.data.callback_url) targets.push(sub);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
    }
  }
  return { targets, journals: mine, otherApi };
}

function sameApi(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** Removes the journals whose leftovers are all gone. */
export async function removeJournals(journals: readonly FoundJournal[]): Promise<void> {
  await Promise.all(journals.map((journal) => rm(journal.file, { force: true })));
}
