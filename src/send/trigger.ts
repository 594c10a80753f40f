import { EVENT_TYPES, isCatalogEvent } from '../catalog/event-types.js';
import { UsageError } from '../errors.js';
import { readInputFile } from '../input-file.js';
import { createSampler } from '../samples/index.js';
import { deliveryHeaders } from '../signature.js';
import { type PostOutcome, postDelivery } from './post.js';

export interface TriggerRequest {
  eventType: string;
  url: string;
  token: string;
  count: number;
  /** File whose bytes are sent unchanged instead of a sample. */
  dataFile?: string | undefined;
  onSent?: (index: number, outcome: PostOutcome) => void;
}

/** Sends `count` signed deliveries of one event type, one after the other. */
export async function trigger(request: TriggerRequest): Promise<PostOutcome[]> {
  requireKnownEvent(request.eventType);
  const fixed = request.dataFile === undefined ? undefined : await readInputFile(request.dataFile, '--data');
  const sample = createSampler();
  const outcomes: PostOutcome[] = [];
  for (let index = 0; index < request.count; index++) {
    const body = fixed ?? Buffer.from(JSON.stringify(sample(request.eventType)));
    const outcome = await postDelivery(
      request.url,
      body,
      deliveryHeaders(request.eventType, body, request.token),
    );
    outcomes.push(outcome);
    request.onSent?.(index, outcome);
  }
  return outcomes;
}

function requireKnownEvent(name: string): void {
  if (isCatalogEvent(name)) return;
  const closest = EVENT_TYPES.map((event) => ({ name: event.name, distance: editDistance(name, event.name) }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map((event) => event.name);
  throw new UsageError(`Unknown event type "${name}". Did you mean ${closest.join(', ')}?`, 'unknown_event');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
