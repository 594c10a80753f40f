import { rm } from 'node:fs/promises';
import type { Subscription } from '../salesloft/types.js';
import type { Outcome } from '../shared/errors.js';
import type { SubscriptionApi } from '../subscriptions/api.js';
import { deleteTargets, type UnsubscribeResult } from '../subscriptions/unsubscribe.js';
import { deadSessionJournals, type FoundJournal, removeStaleTemporaryFiles } from './journal.js';

export interface PrunePlan {
  /** Subscriptions still in Salesloft at a dead session's callback URL. */
  targets: Subscription[];
  /** Journals of this API whose subscriptions will all be gone once the targets are deleted. */
  journals: FoundJournal[];
  /** Journals written against another API URL: left alone. */
  otherApi: FoundJournal[];
}

/**
 * Finds what dead sessions left behind: every subscription whose callback URL is a dead session's
 * callback URL. That URL holds the session's random id, so it is the session's alone, and it also
 * finds creates whose ids never reached the journal (a SIGKILL in the middle of subscribing).
 */
export async function planPrune(
  api: SubscriptionApi,
  journals: readonly FoundJournal[],
  apiUrl: string,
): Promise<PrunePlan> {
  const mine = journals.filter((journal) => sameApi(journal.data.api_url, apiUrl));
  const otherApi = journals.filter((journal) => !sameApi(journal.data.api_url, apiUrl));
  if (mine.length === 0) return { targets: [], journals: mine, otherApi };
  const deadUrls = new Set(mine.map((journal) => journal.data.callback_url));
  const targets = (await api.list()).filter((sub) => deadUrls.has(sub.callback_url));
  return { targets, journals: mine, otherApi };
}

function sameApi(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** Removes the journals whose leftovers are all gone. */
export async function removeJournals(journals: readonly FoundJournal[]): Promise<void> {
  await Promise.all(journals.map((journal) => rm(journal.file, { force: true })));
}

/** Everything dead sessions of this API left: stale temporary files are removed on the way. */
export async function findLeftovers(
  api: SubscriptionApi,
  options: { stateDir: string; apiUrl: string; allHosts: boolean },
): Promise<PrunePlan> {
  await removeStaleTemporaryFiles(options.stateDir);
  const journals = await deadSessionJournals(options.stateDir, { allHosts: options.allHosts });
  const plan = await planPrune(api, journals, options.apiUrl);
  if (plan.targets.length === 0) await removeJournals(plan.journals);
  return plan;
}

/** Deletes the leftovers; the journals go once all of them are gone. */
export async function pruneLeftovers(
  api: SubscriptionApi,
  plan: PrunePlan,
): Promise<Outcome<UnsubscribeResult>> {
  const outcome = await deleteTargets(api, { selected: plan.targets, notFound: [] });
  if (!outcome.problem) await removeJournals(plan.journals);
  return outcome;
}
