import { describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/listen/delivery.js';
import { deliveryJson, parseBody } from '../../src/listen/printer.js';
import { RetryTracker } from '../../src/listen/retries.js';

function delivery(body: string, eventType: string | null = 'person_updated'): Delivery {
  return {
    id: 7,
    received_at: '2026-11-27T10:00:00.000Z',
    path: '/salesloft-hooks/abc',
    event_type: eventType,
    headers: {},
    body: Buffer.from(body),
    signature: { valid: true, reason: null },
    forward: null,
    status: 200,
  };
}

describe('the --json line', () => {
  it('is one line of JSON whose body is the parsed body, whatever the body looks like', () => {
    for (const body of [
      '{"id":1}',
      ' { "id" : 1, "x": "a\\u2028b" } ',
      '{\n  "id": 1\n}',
      '[1,2]',
      '"text"',
      'not json',
      '',
    ]) {
      const d = delivery(body);
      const line = deliveryJson(d, parseBody(d.body));
      expect(line).not.toMatch(/[\n\r]/);
      expect(JSON.parse(line).body).toEqual(parseBody(d.body));
    }
  });

  it('cannot be confused by an event type that looks like the body placeholder', () => {
    const d = delivery('{"id":2}', '@@body@@');
    const parsed = JSON.parse(deliveryJson(d, parseBody(d.body)));
    expect(parsed.event_type).toBe('@@body@@');
    expect(parsed.body).toEqual({ id: 2 });
  });
});

describe('retry detection', () => {
  it('marks the same event and body within 60 s, and forgets after', () => {
    let now = 0;
    const tracker = new RetryTracker(() => now);
    const body = Buffer.from('{"id":1}');
    expect(tracker.check(1, 'person_updated', body, 'ab')).toBeUndefined();
    now = 15_000;
    expect(tracker.check(2, 'person_updated', body, 'AB')).toBe(1);
    expect(tracker.check(3, 'task_created', body, 'ab')).toBeUndefined();
    expect(tracker.check(4, 'person_updated', Buffer.from('{"id":2}'))).toBeUndefined();
    expect(tracker.check(5, 'person_updated', Buffer.from('{"id":2}'))).toBe(4);
    now = 200_000;
    expect(tracker.check(6, 'person_updated', body, 'ab')).toBeUndefined();
  });
});
