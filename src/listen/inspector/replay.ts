import { networkReason } from '../../net/errors.js';
import { timedPost } from '../../net/post.js';
import { replayHeaders } from './record.js';
import type { Replayer } from './server.js';
import type { InspectorStore } from './store.js';

/**
 * Replays from the inspector: the exact bytes (or the edited ones), re-signed with `token`, to
 * `target`. A delivery that arrived with an invalid signature is replayed only when the user
 * confirmed, since replaying makes it valid.
 */
export function storeReplayer(store: InspectorStore, token: string, target: string | undefined): Replayer {
  return async (id, edited, allowInvalid) => {
    const record = store.get(id);
    if (!record) return { ok: false, status: 404, error: `no delivery #${id}` };
    if (!target) return { ok: false, status: 400, error: 'no replay target: start with --forward-to' };
    if (!record.signature.valid && !allowInvalid) {
      return {
        ok: false,
        status: 409,
        error: 'this delivery arrived with an invalid signature: confirm to replay it',
      };
    }
    const body = edited ?? Buffer.from(record.body_base64, 'base64');
    try {
      const answer = await timedPost(target, body, replayHeaders(record, body, token), { timeoutMs: 10_000 });
      return { ok: true, target, ...answer };
    } catch (error) {
      return { ok: false, status: 502, error: `${new URL(target).host}: ${networkReason(error, 10_000)}` };
    }
  };
}
