import { networkReason } from '../../../packages/webhooks/src/net/errors.js';
import { timedPost } from '../../net/post.js';
import type { ForwardResult } from '../delivery.js';
import { entryFrom, replayHeaders } from './record.js';
import type { InspectorStore } from './store.js';

const REPLAY_TIMEOUT_MS = 10_000;

export type ReplayAnswer =
  | { ok: true; key: string; target: string; status: number; ms: number }
  | { ok: false; status: 400 | 404 | 409 | 502; error: string; key?: string };

/** Where replays go: one URL, or the route of each delivery's event type (`--forward-to` routes). */
export interface ReplayTarget {
  url: string | ((eventType: string | null) => string | undefined);
  /** The session's own receiver (its deliveries become rows themselves). */
  isReceiver: boolean;
  /** Accept a loopback https target's self-signed certificate (`--insecure`, `--forward-insecure`). */
  insecure?: boolean;
}

/** The URL a replay of an `eventType` delivery goes to, if any. */
export function replayUrl(target: ReplayTarget, eventType: string | null): string | undefined {
  return typeof target.url === 'string' ? target.url : target.url(eventType);
}

/** A replay sent straight to the target, for the session to take as one of its deliveries. */
export interface SentReplay {
  event_type: string | null;
  headers: Record<string, string>;
  body: Buffer;
  forward: ForwardResult;
}

/**
 * Takes a replay as a delivery of the session (its line in the terminal, its `--record` line, its
 * count in the summary, its row here) and returns its row's key; without one (`inspect --from`),
 * the replay is a row of its own, `rN`.
 */
export type ReplaySink = (replay: SentReplay) => string;

/** Replays entry `key` (with `body` instead of its own when edited); invalid ones only when allowed. */
export type Replayer = (
  key: string,
  body: Buffer | undefined,
  allowInvalid: boolean,
) => Promise<ReplayAnswer>;

/**
 * Replays from the inspector: the exact bytes (or the edited ones), re-signed with `token`, to
 * `target`. A delivery that arrived with an invalid signature is replayed only when the user
 * confirmed, since replaying makes it valid. When the target is not this session's own receiver
 * (whose delivery becomes a row of its own), the replay goes to `sink`, or is a row here,
 * `replay of #n`, with the answer it got.
 */
export function storeReplayer(
  store: InspectorStore,
  token: string,
  target: ReplayTarget | undefined,
  sink?: ReplaySink,
): Replayer {
  return async (key, edited, allowInvalid) => {
    const entry = store.get(key);
    if (!entry)
      return { ok: false, status: 404, error: `no delivery ${key} (cleared, or past the memory budget)` };
    if (!target) return { ok: false, status: 400, error: 'no replay target: start with --forward-to' };
    const url = replayUrl(target, entry.row.event_type);
    if (url === undefined) {
      return {
        ok: false,
        status: 400,
        error: `no --forward-to route takes ${entry.row.event_type ?? 'a delivery without an event type'}`,
      };
    }
    if (!entry.row.signature.valid && !allowInvalid) {
      return {
        ok: false,
        status: 409,
        error: 'this delivery arrived with an invalid signature: confirm to replay it',
      };
    }
    if (entry.row.body_kept !== 'full' && edited === undefined) {
      return {
        ok: false,
        status: 409,
        error: 'only the start of this body was kept (a large forgery): nothing to replay',
      };
    }
    const body = edited ?? entry.body;
    const headers = replayHeaders(entry, body, token);
    const replayOf = entry.row.replay_of ?? entry.row.id ?? undefined;
    const record = (forward: ForwardResult): string | undefined => {
      if (target.isReceiver) return undefined;
      if (sink) return sink({ event_type: entry.row.event_type, headers, body, forward });
      const rowKey = store.nextReplayKey();
      store.put(
        entryFrom(
          rowKey,
          {
            id: null,
            received_at: new Date().toISOString(),
            event_type: entry.row.event_type,
            path: new URL(url).pathname,
            headers,
            body,
            signature: { valid: true, reason: null },
            forward: { ...forward, ...forward.response },
            replay_of: replayOf,
            target: url,
          },
          token,
        ),
      );
      return rowKey;
    };
    const started = performance.now();
    try {
      const answer = await timedPost(url, body, headers, {
        timeoutMs: REPLAY_TIMEOUT_MS,
        insecure: target.insecure === true,
      });
      const recorded = record({
        status: answer.status,
        ms: answer.ms,
        error: null,
        ...(answer.status >= 400 && answer.excerpt ? { excerpt: answer.excerpt } : {}),
        response: answer.response,
      });
      return { ok: true, key: recorded ?? key, target: url, status: answer.status, ms: answer.ms };
    } catch (error) {
      const reason = `${new URL(url).host}: ${networkReason(error, REPLAY_TIMEOUT_MS)}`;
      const recorded = record({ status: null, ms: Math.round(performance.now() - started), error: reason });
      return { ok: false, status: 502, error: reason, ...(recorded ? { key: recorded } : {}) };
    }
  };
}
