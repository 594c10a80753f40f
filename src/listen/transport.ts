import { sessionPath } from '../journal/journal.js';
import { UsageError } from '../shared/errors.js';
import type { Delivery, ForwardResult } from './delivery.js';
import type { DeliveryFlow } from './delivery-flow.js';
import { createForwarder } from './forwarder.js';
import { Receiver } from './receiver.js';
import type { Recorder } from './recording-file.js';
import { type Route, routeFor } from './routes.js';
import type { SessionEvent } from './session-events.js';

export interface TransportOptions {
  sessionId: string;
  port: number;
  token: string;
  stateDir: string;
  /** Where verified deliveries go (`--forward-to`, with routes per event type); none: not forwarded. */
  routes?: readonly Route[] | undefined;
  forwardTimeoutMs: number;
  forwardHeaders?: Record<string, string> | undefined;
  forwardInsecure?: boolean | undefined;
  maxDeliveries?: number | undefined;
  inspect?: { port?: number | undefined; budgetMb?: number | undefined } | undefined;
  showReceiver?: boolean | undefined;
}

/** The local side of a session: the receiver, the forwarder to the app, the inspector, the recording. */
export interface Transport {
  receiver: Receiver;
  /** Closes everything, waiting for a delivery still being forwarded (and recorded). */
  close(): Promise<void>;
}

/** Starts the receiver (and the forwarder and the inspector when asked) for one session. */
export async function startTransport(
  options: TransportOptions,
  flow: DeliveryFlow,
  recorder: Recorder | undefined,
  onEvent: (event: SessionEvent) => void,
): Promise<Transport> {
  const routes = options.routes ?? [];
  // One forwarder (a keep-alive pool) per target.
  const targets = [...new Set(routes.map((route) => route.target))];
  const forwarders = new Map(
    targets.map((target) => [
      target,
      createForwarder(target, options.forwardTimeoutMs, {
        ...(options.forwardHeaders ? { headers: options.forwardHeaders } : {}),
        insecure: options.forwardInsecure === true,
        sharedBy: targets.length,
      }),
    ]),
  );
  const forwarder = forwarders.size > 0 ? forwarders : undefined;
  const targetOf = (eventType: string | null) => routeFor(routes, eventType)?.target;
  const path = sessionPath(options.sessionId);
  const receiver = await new Receiver({
    sessionPath: path,
    token: options.token,
    port: options.port,
    onReceived: (delivery) => flow.received(delivery),
    onDelivery: (delivery) => flow.answered(delivery),
    onRejection: (rejection) => flow.rejected(rejection),
    limit: options.maxDeliveries,
    ...(forwarder
      ? {
          // A delivery no route takes is answered as without --forward-to.
          forward: (delivery: Delivery): Promise<ForwardResult> | undefined => {
            const target = targetOf(delivery.event_type);
            const sent = target === undefined ? undefined : forwarder.get(target)?.forward(delivery);
            // With more than one route, each answer says which target it came from.
            return routes.length > 1
              ? sent?.then((result) => ({ ...result, route: target as string }))
              : sent;
          },
        }
      : {}),
  })
    .start()
    .catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') throw error;
      throw new UsageError(
        `Port ${options.port} on 127.0.0.1 is in use: pass another --port (0 picks a free port).`,
        'port_in_use',
      );
    });
  const inspector = options.inspect
    ? await (await import('./inspector/open.js'))
        .openInspector({
          port: options.inspect.port,
          stateDir: options.stateDir,
          budgetBytes:
            options.inspect.budgetMb === undefined ? undefined : options.inspect.budgetMb * 1024 * 1024,
          token: options.token,
          target:
            routes.length > 0
              ? { url: targetOf, isReceiver: false, insecure: options.forwardInsecure === true }
              : { url: `${receiver.localUrl}${path}`, isReceiver: true },
          // A replay sent to the app from the page is a delivery of this session: its line, its
          // --record line (replay_of), its count in the summary, its row.
          sink: (replay) => {
            const delivery: Delivery = {
              id: receiver.allocateId(),
              received_at: new Date().toISOString(),
              path,
              event_type: replay.event_type,
              headers: replay.headers,
              body: replay.body,
              signature: { valid: true, reason: null },
              forward: replay.forward,
              status: replay.forward.status ?? 502,
            };
            flow.replayed(delivery);
            return String(delivery.id);
          },
        })
        .catch(async (error: unknown) => {
          await receiver.close();
          throw error;
        })
    : undefined;
  if (inspector) {
    flow.inspect = inspector.show;
    onEvent({ type: 'inspector', url: inspector.url });
  }
  if (options.showReceiver) onEvent({ type: 'receiver', url: receiver.localUrl });
  return {
    receiver,
    async close() {
      await inspector?.close();
      // A delivery still being forwarded is waited for (up to the forward's own timeout) and recorded.
      await receiver.close(forwarder ? Math.max(3_000, options.forwardTimeoutMs + 1_000) : undefined);
      flow.flush();
      await Promise.all([...forwarders.values()].map((each) => each.close()));
      await recorder?.close();
    },
  };
}
