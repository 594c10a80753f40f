import { rm } from 'node:fs/promises';
import type { Subscription } from '../../packages/webhooks/src/salesloft/types.js';
import {
  deadSessionJournals,
  type FoundJournal,
  type JournalData,
  type JournalOwner,
  removeStaleTemporaryFiles,
  tokenDigest,
} from '../journal/journal.js';
import type { Outcome } from '../shared/errors.js';
import type { SubscriptionApi } from '../subscriptions/api.js';
import { deleteTargets, type UnsubscribeResult } from '../subscriptions/unsubscribe.js';
import { stopLeftoverTunnel } from './tunnel/leftover.js';

export interface PrunePlan {
  /** Subscriptions still in Salesloft at a dead session's callback URL. */
  targets: Subscription[];
  /** Journals of this API whose subscriptions will all be gone once the targets are deleted. */
  journals: FoundJournal[];
  /** Journals written against another API URL: left alone. */
  otherApi: FoundJournal[];
  /** Journals of another credential (another team, or another key of this one): kept, never read as empty. */
  otherOwner: FoundJournal[];
  /** `sync` runs that died before they finished: nothing to delete (their creates are declared), run sync again. */
  interruptedSyncs?: FoundJournal[];
  /** cloudflared processes dead sessions left running, stopped while looking: their pids. */
  stoppedTunnels?: number[];
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
  owner?: JournalOwner,
): Promise<PrunePlan> {
  const sameApiUrl = journals.filter((journal) => sameApi(journal.data.api_url, apiUrl));
  const otherApi = journals.filter((journal) => !sameApi(journal.data.api_url, apiUrl));
  // Salesloft shows a key only its own application's subscriptions: another credential's journal
  // would look empty, and be deleted with its subscriptions still live.
  const mine = sameApiUrl.filter((journal) => ownedBy(journal.data, owner));
  const otherOwner = sameApiUrl.filter((journal) => !ownedBy(journal.data, owner));
  if (mine.length === 0) return { targets: [], journals: mine, otherApi, otherOwner };
  const targets = (await api.list()).filter((sub) => mine.some((journal) => leftBy(journal.data, sub)));
  return { targets, journals: mine, otherApi, otherOwner };
}

/** A journal written before owners were recorded is anyone's of its API URL, as it always was. */
function ownedBy(journal: JournalData, owner: JournalOwner | undefined): boolean {
  return (
    owner === undefined ||
    journal.owner === undefined ||
    journal.owner.credential_sha256 === owner.credential_sha256
  );
}

/** Why a journal is not this credential's to prune, and how to prune it. */
export function otherOwnerNote(journal: JournalData, team: { id: number } | null): string {
  const recorded = journal.owner;
  const session = `session ${journal.session_id}`;
  const how = recorded?.profile
    ? `prune --profile ${recorded.profile}`
    : 'prune with the API key it was made with';
  const profile = recorded?.profile ? ` (profile ${recorded.profile})` : '';
  if (recorded?.team_name !== undefined && recorded.team_id !== team?.id) {
    return `${session} belongs to team "${recorded.team_name}"${profile}: ${how}`;
  }
  const ofTeam = recorded?.team_name === undefined ? '' : ` of team "${recorded.team_name}"`;
  return `${session} was made with another credential${ofTeam}${profile}: ${how}`;
}

function leftBy(journal: JournalData, sub: Subscription): boolean {
  // A sync run's creates are what its file declares: a run that died left nothing to delete.
  if (journal.kind === 'sync' || sub.callback_url !== journal.callback_url) return false;
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
  options: { stateDir: string; apiUrl: string; allHosts: boolean; owner?: JournalOwner },
): Promise<PrunePlan> {
  await removeStaleTemporaryFiles(options.stateDir);
  const journals = await deadSessionJournals(options.stateDir, { allHosts: options.allHosts });
  // A dead session's tunnel serves nothing: stopped whatever becomes of its subscriptions.
  const stoppedTunnels = journals.flatMap((journal) => stopLeftoverTunnel(journal.data) ?? []);
  const syncs = journals.filter((journal) => journal.data.kind === 'sync');
  const plan = {
    ...(await planPrune(api, journals, options.apiUrl, options.owner)),
    ...(stoppedTunnels.length > 0 ? { stoppedTunnels } : {}),
    ...(syncs.length > 0 ? { interruptedSyncs: syncs } : {}),
  };
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
