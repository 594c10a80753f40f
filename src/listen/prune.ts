import { rm } from 'node:fs/promises';
import type { Subscription } from '../salesloft/types.js';
import type { Outcome } from '../shared/errors.js';
import type { SubscriptionApi } from '../subscriptions/api.js';
import { deleteTargets, type UnsubscribeResult } from '../subscriptions/unsubscribe.js';
import {
  deadSessionJournals,
  type FoundJournal,
  type JournalData,
  removeStaleTemporaryFiles,
  tokenDigest,
} from './journal.js';

export interface PrunePlan {
  /** Subscriptions still in Salesloft at a dead session's callback URL. */
  targets: Subscription[];
  /** Journals of this API whose subscriptions will all be gone once the targets are deleted. */
  journals: FoundJournal[];
  /** Journals written against another API URL: left alone. */
  otherApi: FoundJournal[];
}

/**
 * Finds what dead sessions left behind. A listen session's callback URL holds its random id, so
 * every subscription at that URL is the session's alone, including creates whose ids never
 * reached the journal (a SIGKILL in the middle of subscribing). A `subscribe` batch's URL is the
 * user's own and may carry other subscriptions: only those of the event types the batch set out
 * to create, signed with its token, are its.
 */
export async function planPrune(
  api: SubscriptionApi,
  journals: readonly FoundJournal[],
  apiUrl: string,
): Promise<PrunePlan> {
  const mine = journals.filter((journal) => sameApi(journal.data.api_url, apiUrl));
  const otherApi = journals.filter((journal) => !sameApi(journal.data.api_url, apiUrl));
  if (mine.length === 0) return { targets: [], journals: mine, otherApi };
  const targets = (await api.list()).filter((sub) => mine.some((journal) => leftBy(journal.data, sub)));
  return { targets, journals: mine, otherApi };
}

function leftBy(journal: JournalData, sub: Subscription): boolean {
  if (sub.callback_url !== journal.callback_url) return false;
  if (journal.kind !== 'subscribe') return true;
  return (
    (journal.event_types ?? []).includes(sub.event_type) &&
    sub.callback_token !== undefined &&
    tokenDigest(sub.callback_token) === journal.token_sha256
  );
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
