import { EVENT_TYPES, isCatalogEvent } from '../../packages/webhooks/src/catalog/event-types.js';
import {
  judgeLinkSwapAnswer,
  type LinkSwapVerdict,
  linksSent,
} from '../../packages/webhooks/src/catalog/link-swap.js';
import { deliveryHeaders } from '../../packages/webhooks/src/catalog/signature.js';
import { createSampler } from '../../packages/webhooks/src/samples/index.js';
import { railsJson } from '../../packages/webhooks/src/samples/rails-json.js';
import { matchEvents } from '../catalog/patterns.js';
import { nearest } from '../catalog/typos.js';
import { ANSWER_READ_LIMIT, type PostAnswer, postDelivery } from '../net/post.js';
import { UsageError } from '../shared/errors.js';
import { readInputFile } from '../shared/input-file.js';
import { applyOverrides, type Override, unknownFields } from './overrides.js';

export interface TriggerRequest {
  /** Event types to send, one delivery each per round (see `triggerEvents`). */
  eventTypes: readonly string[];
  url: string;
  token: string;
  count: number;
  /** File (or `-` for stdin) whose bytes are sent unchanged instead of a sample. */
  dataFile?: string | undefined;
  /** Changes made to each sample (`--set`). */
  overrides?: readonly Override[];
  /** `--insecure`: accept a loopback https target's self-signed certificate. */
  insecure?: boolean;
  onSent?: (index: number, outcome: TriggerOutcome) => void;
  /** A `--set` path the sample does not have (said once per event type and path). */
  onWarning?: (message: string) => void;
}

export interface TriggerOutcome extends PostAnswer {
  event_type: string;
  /** For link_swap: what Salesloft would make of the handler's answer. */
  link_swap?: LinkSwapVerdict;
}

/** The event types named by a trigger argument: an exact catalog name, a glob, `all` or a comma list. */
export function triggerEvents(pattern: string): string[] {
  // trigger subscribes nothing: `all` sends every type, link_swap included.
  const { events, unknown } = matchEvents([pattern], { globsReachSynchronous: true });
  for (const name of unknown) requireKnownEvent(name);
  if (events.length === 0) throw new UsageError(`"${pattern}" names no event type.`, 'no_events');
  return events;
}

/** Sends `count` signed deliveries of each event type, one after the other. */
export async function trigger(request: TriggerRequest): Promise<TriggerOutcome[]> {
  for (const name of request.eventTypes) requireKnownEvent(name);
  if (request.dataFile !== undefined && (request.overrides?.length ?? 0) > 0) {
    throw new UsageError('--set changes a sample: with --data, edit the data instead.', 'set_with_data');
  }
  const fixed = request.dataFile === undefined ? undefined : await readInputFile(request.dataFile, '--data');
  const sample = createSampler();
  const outcomes: TriggerOutcome[] = [];
  for (const eventType of request.eventTypes) {
    for (let round = 0; round < request.count; round++) {
      const drawn = fixed === undefined ? sample(eventType) : undefined;
      if (drawn && round === 0)
        warnUnknownFields(eventType, drawn, request.overrides ?? [], request.onWarning);
      const body = fixed ?? sampleBytes(drawn as Record<string, unknown>, request.overrides ?? []);
      const answer = await postDelivery(request.url, body, deliveryHeaders(eventType, body, request.token), {
        insecure: request.insecure === true,
      });
      const outcome: TriggerOutcome = { event_type: eventType, ...answer };
      if (eventType === 'link_swap') {
        outcome.link_swap = judgeLinkSwapAnswer(linksSent(body), {
          ...answer.response,
          status: answer.status,
          limit: ANSWER_READ_LIMIT,
        });
      }
      outcomes.push(outcome);
      request.onSent?.(outcomes.length - 1, outcome);
    }
  }
  return outcomes;
}

/**
 * The sample bodies `trigger` would send, one per event type, with the overrides applied: for
 * `--print`, to edit and send back with `--data -`.
 */
export function sampleBodies(
  eventTypes: readonly string[],
  overrides: readonly Override[] = [],
  onWarning?: (message: string) => void,
): Buffer[] {
  for (const name of eventTypes) requireKnownEvent(name);
  const sample = createSampler();
  return eventTypes.map((eventType) => {
    const drawn = sample(eventType);
    warnUnknownFields(eventType, drawn, overrides, onWarning);
    return sampleBytes(drawn, overrides);
  });
}

function warnUnknownFields(
  eventType: string,
  sample: Record<string, unknown>,
  overrides: readonly Override[],
  onWarning: ((message: string) => void) | undefined,
): void {
  for (const { path, suggestions } of unknownFields(sample, overrides)) {
    onWarning?.(
      `--set ${path}: the ${eventType} sample has no such field, so it is added${suggestions.length > 0 ? ` (did you mean ${suggestions.join(' or ')}?)` : ''}.`,
    );
  }
}

function sampleBytes(sample: Record<string, unknown>, overrides: readonly Override[]): Buffer {
  applyOverrides(sample, overrides);
  return Buffer.from(railsJson(sample));
}

function requireKnownEvent(name: string): void {
  if (isCatalogEvent(name)) return;
  const closest = nearest(
    name,
    EVENT_TYPES.map((event) => event.name),
  );
  throw new UsageError(`Unknown event type "${name}". Did you mean ${closest.join(', ')}?`, 'unknown_event');
}
