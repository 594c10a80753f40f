import { describe, expect, it } from 'vitest';
import { bytesHeld } from '../../../../src/listen/inspector/open.js';
import { entryFrom, INVALID_BODY_KEPT } from '../../../../src/listen/inspector/record.js';
import { InspectorStore } from '../../../../src/listen/inspector/store.js';

const MB = 1024 * 1024;

/** A forgery as the receiver hands it over: a 1 MB body with an invalid signature. */
function forgery(id: number) {
  return {
    id,
    received_at: '2026-12-07T10:00:00Z',
    event_type: 'person_updated',
    path: '/salesloft-hooks/x',
    headers: { 'x-salesloft-signature': '0'.repeat(40) },
    body: Buffer.alloc(MB, '{'),
    signature: { valid: false, reason: 'mismatch' as const },
  };
}

describe('the inspector store’s budget', () => {
  it('with no page open, counts what an unbuilt row holds (the whole forged body): 8 MB keeps at most 8 of them', () => {
    const store = new InspectorStore(8 * MB);
    let builds = 0;
    for (let id = 1; id <= 100; id++) {
      const delivery = forgery(id);
      // What listen's inspector counts for it until its row is built.
      const held = bytesHeld({ ...delivery, forward: null, status: 401 });
      expect(held).toBeGreaterThan(MB);
      store.putLazy(String(id), held, () => {
        builds += 1;
        return entryFrom(String(id), delivery, 'tok');
      });
    }
    const kept = Array.from({ length: 100 }, (_, index) => String(index + 1)).filter((key) => store.has(key));
    expect(kept.length).toBeLessThanOrEqual(8);
    expect(kept.at(-1)).toBe('100');
    expect(builds).toBe(0);
  });

  it('a row once built counts what it keeps (a forgery: its prefix), so a watched inspector keeps many', () => {
    const store = new InspectorStore(8 * MB);
    for (let id = 1; id <= 50; id++) {
      const delivery = forgery(id);
      store.putLazy(String(id), MB + 1024, () => entryFrom(String(id), delivery, 'tok'));
      // A page reading the event stream builds each row as it arrives.
      expect(store.get(String(id))?.body.length).toBeLessThan(INVALID_BODY_KEPT);
    }
    expect(store.has('1')).toBe(true);
  });
});
