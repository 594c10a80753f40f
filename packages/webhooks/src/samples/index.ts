import { findEventType, isCatalogEvent } from '../catalog/event-types.js';
import { SampleContext } from './context.js';
import { Random } from './random.js';
import { EVENT_SAMPLES, type Payload } from './resources.js';

export type { Payload } from './resources.js';

export interface SamplerOptions {
  /** Same seed, same sequence of samples (ids and timestamps included). */
  seed?: number;
  /** Clock for timestamps; with a seed and no clock, a fixed date keeps samples reproducible. */
  now?: () => Date;
}

const SEEDED_EPOCH = Date.UTC(2026, 0, 15, 15, 30, 0);

/**
 * Makes realistic delivery bodies, shaped like the Salesloft resource each event carries, with
 * timestamps as Salesloft writes them (microseconds, the team's offset). Serialise them with
 * `railsJson` (./rails-json.ts) to get the bytes a delivery has.
 */
export function createSampler(options: SamplerOptions = {}): (eventType: string) => Payload {
  const random = new Random(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  let calls = 0;
  const now =
    options.now ??
    (options.seed === undefined ? () => new Date() : () => new Date(SEEDED_EPOCH + calls * 1000));
  return (eventType) => {
    calls += 1;
    const context = new SampleContext(random, now());
    if (!isCatalogEvent(eventType)) return { id: context.id(), updated_at: context.at() };
    const sample: Payload = { ...EVENT_SAMPLES[eventType](context) };
    // A record created now was last updated now; an updated or deleted one keeps its older
    // created_at and carries its last state with updated_at = now.
    if (findEventType(eventType)?.action === 'created' && 'created_at' in sample) {
      sample.created_at = sample.updated_at;
    }
    return sample;
  };
}
