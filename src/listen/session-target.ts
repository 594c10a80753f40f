import { liveSessionJournals, tokenDigest } from '../journal/journal.js';
import { UsageError } from '../shared/errors.js';

/**
 * A trigger through a session sends only the types it subscribed (Salesloft would send it nothing
 * else): exit 2 naming them, unless `force`.
 */
export function checkSubscribed(
  session: { sessionId: string; events: readonly string[] | undefined },
  eventTypes: readonly string[],
  force: boolean,
): void {
  const outside = eventTypes.filter((name) => session.events !== undefined && !session.events.includes(name));
  if (outside.length === 0 || force) return;
  const names = session.events ?? [];
  const listed =
    names.length > 3
      ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`
      : names.join(', ') || 'none';
  throw new UsageError(
    `listen session ${session.sessionId} did not subscribe ${outside.join(', ')} (it has ${listed}), so Salesloft would never send it there: pass --force to send anyway, or --to URL.`,
    'not_subscribed',
  );
}

/**
 * Where `trigger` and `replay` deliver without --to: the receiver of the one listen session running
 * from this state directory (as `stripe trigger` goes through `stripe listen`), so the delivery is
 * verified, printed, shown in the inspector and forwarded like a real one. `session` picks one of
 * several; a token other than the session's would only be refused, so it is an input error.
 */
export async function listenTarget(
  stateDir: string,
  token: string,
  session?: string,
): Promise<{ url: string; sessionId: string; events: readonly string[] | undefined }> {
  const live = (await liveSessionJournals(stateDir)).filter((journal) => journal.data.receiver_url);
  const chosen = session === undefined ? live : live.filter((journal) => journal.data.session_id === session);
  const [journal] = chosen;
  if (!journal) {
    throw new UsageError(
      session === undefined
        ? 'No listen session is running from this state directory: start `salesloft-hooks listen` in another terminal, or pass --to URL.'
        : `No running listen session ${session} (running: ${live.map((found) => found.data.session_id).join(', ') || 'none'}).`,
      'no_session',
    );
  }
  if (chosen.length > 1) {
    throw new UsageError(
      `${chosen.length} listen sessions are running (${chosen.map((found) => found.data.session_id).join(', ')}): pass --session ID, or --to URL.`,
      'several_sessions',
    );
  }
  if (journal.data.token_sha256 !== undefined && journal.data.token_sha256 !== tokenDigest(token)) {
    throw new UsageError(
      `listen session ${journal.data.session_id} signs with another callback token (its --token or SALESLOFT_CALLBACK_TOKEN): pass the same one here.`,
      'other_token',
    );
  }
  return {
    url: journal.data.receiver_url as string,
    sessionId: journal.data.session_id,
    events: journal.data.event_types,
  };
}
