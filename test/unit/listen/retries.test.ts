import { describe, expect, it } from 'vitest';
import { RetryTracker } from '../../../src/listen/retries.js';

describe('retry detection window', () => {
  it('a refreshed entry does not keep older ones alive: 99 s later is a new delivery, not a retry', () => {
    let now = 0;
    const tracker = new RetryTracker(() => now);
    const a = Buffer.from('{"id":"a"}');
    const b = Buffer.from('{"id":"b"}');
    expect(tracker.check(1, 'person_updated', a, 'x')).toBeUndefined();
    now = 1_000;
    expect(tracker.check(2, 'person_updated', b, 'x')).toBeUndefined();
    now = 50_000;
    expect(tracker.check(3, 'person_updated', a, 'x')).toBe(1);
    now = 100_000;
    expect(tracker.check(4, 'person_updated', b, 'x')).toBeUndefined();
    expect(tracker.check(5, 'person_updated', a, 'x')).toBe(1);
  });

  it('the source holds no raw control bytes', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL('../../../src/listen/retries.ts', import.meta.url));
    expect(source.some((byte) => byte < 0x09 || (byte > 0x0d && byte < 0x20) || byte === 0x7f)).toBe(false);
  });
});

describe('retry detection', () => {
  it('marks the same event and body within 60 s, and forgets after', () => {
    let now = 0;
    const tracker = new RetryTracker(() => now);
    const body = Buffer.from('{"id":1}');
    expect(tracker.check(1, 'person_updated', body, 'ab', true)).toBeUndefined();
    now = 15_000;
    expect(tracker.check(2, 'person_updated', body, 'AB', true)).toBe(1);
    expect(tracker.check(3, 'task_created', body, 'ab', true)).toBeUndefined();
    expect(tracker.check(4, 'person_updated', Buffer.from('{"id":2}'), 'bad')).toBeUndefined();
    expect(tracker.check(5, 'person_updated', Buffer.from('{"id":2}'), 'bad')).toBe(4);
    now = 200_000;
    expect(tracker.check(6, 'person_updated', body, 'ab', true)).toBeUndefined();
  });

  it('a forged repeat of a real delivery’s body, with another signature, is not a retry', () => {
    const tracker = new RetryTracker(() => 0);
    const body = Buffer.from('{"id":1}');
    expect(tracker.check(1, 'person_updated', body, 'a'.repeat(40), true)).toBeUndefined();
    expect(tracker.check(2, 'person_updated', body, 'f'.repeat(40))).toBeUndefined();
    expect(tracker.check(3, 'person_updated', body, 'e'.repeat(40))).toBeUndefined();
  });
});
