import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../../src/subscriptions/batch.js';

describe('mapBounded', () => {
  it('keeps at most `limit` in flight, keeps order and reports failures without rejecting', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapBounded(
      [1, 2, 3, 4, 5, 6, 7, 8, 9],
      async (n) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        // Still in flight across turns of the event loop, as a request is.
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        if (n === 5) throw new Error('five');
        return n * 2;
      },
      4,
    );
    expect(peak).toBe(4);
    expect(results.map((r) => (r.ok ? r.value : 'err'))).toEqual([2, 4, 6, 8, 'err', 12, 14, 16, 18]);
  });
});
