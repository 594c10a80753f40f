import { type Delivery, examined, REPLAY_HEADER } from '../delivery.js';
import { inspectorKey } from './key.js';
import { entryFrom } from './record.js';
import { type ReplaySink, type ReplayTarget, replayUrl, storeReplayer } from './replay.js';
import { startInspector } from './server.js';
import { InspectorStore } from './store.js';

export interface SessionInspector {
  url: string;
  /** A delivery as it is verified, then again once its forward's answer is known. */
  show(delivery: Delivery, retryOf: number | undefined): void;
  close(): Promise<void>;
}

/** The inspector over a listen session's deliveries. */
export async function openInspector(options: {
  port: number | undefined;
  stateDir: string;
  budgetBytes: number | undefined;
  token: string;
  /** Where Replay sends: --forward-to, or the session's own receiver. */
  target: ReplayTarget;
  /** Takes a replay sent to --forward-to as a delivery of the session. */
  sink?: ReplaySink;
}): Promise<SessionInspector> {
  const store = new InspectorStore(options.budgetBytes);
  const inspector = await startInspector({
    store,
    key: inspectorKey(options.stateDir),
    port: options.port,
    replay: storeReplayer(store, options.token, options.target, options.sink),
    target: (eventType) => replayUrl(options.target, eventType),
    token: options.token,
  });
  const show = (delivery: Delivery, retryOf: number | undefined) => {
    const key = String(delivery.id);
    if (store.has(key)) {
      // Shown when verified; now its answer: the forward's response, the link_swap verdict.
      const { forward, link_swap } = delivery;
      if (forward || link_swap) {
        store.setAnswer(key, answerBytes(delivery), () => ({
          forward: forward ? { ...forward, ...forward.response } : null,
          linkSwap: link_swap ?? null,
        }));
      }
      return;
    }
    const replayOf = Number(delivery.headers[REPLAY_HEADER]);
    const build = () =>
      entryFrom(
        key,
        {
          ...delivery,
          forward: delivery.forward && { ...delivery.forward, ...delivery.forward.response },
          retry_of: retryOf,
          replay_of: Number.isInteger(replayOf) && replayOf > 0 ? replayOf : undefined,
          ...(delivery.forward?.route ? { target: delivery.forward.route } : {}),
        },
        options.token,
      );
    // A large forgery is cut to its prefix and digest as it arrives, page or no page: holding its
    // body until someone looks let a flood of them fill memory within the budget's count.
    if (!examined(delivery)) store.put(build());
    else store.putLazy(key, bytesHeld(delivery), build);
  };
  return { url: inspector.url, show, close: () => inspector.close() };
}

/**
 * What a delivery's slot holds until its entry is built: the whole delivery, a forgery's large
 * body too (built, it keeps a prefix; see entryFrom). Counting less let an inspector nobody
 * watches keep a gigabyte of forgeries within an 8 MB budget.
 */
export function bytesHeld(delivery: Delivery): number {
  const kept = delivery.body.length;
  let headers = 0;
  for (const name in delivery.headers) headers += name.length + String(delivery.headers[name]).length;
  return 1024 + kept + headers;
}

/** What a delivery's answer adds to the inspector's budget: the response's body and headers, the verdict. */
function answerBytes(delivery: Delivery): number {
  const response = delivery.forward?.response;
  let bytes = response?.body.length ?? 0;
  for (const name in response?.headers) bytes += name.length + (response.headers[name]?.length ?? 0) + 6;
  if (delivery.link_swap) bytes += 256 + JSON.stringify(delivery.link_swap.links ?? {}).length;
  return bytes;
}
