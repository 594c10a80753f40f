import { describe, expect, it } from 'vitest';
import { totalsText } from '../../../../src/cli/render/session.js';
import type { Delivery } from '../../../../src/listen/delivery.js';
import { SessionStats } from '../../../../src/listen/stats.js';

function delivery(valid: boolean, forwardStatus?: number | null): Delivery {
  return {
    id: 1,
    received_at: '',
    path: '/',
    event_type: 'person_updated',
    headers: {},
    body: Buffer.alloc(0),
    signature: { valid, reason: valid ? null : 'mismatch' },
    forward: forwardStatus === undefined ? null : { status: forwardStatus, ms: 1, error: null },
    status: 200,
  };
}

describe('the end-of-session summary', () => {
  it('counts verdicts and forward statuses by class, with right plurals', () => {
    const stats = new SessionStats();
    expect(totalsText(stats.totals())).toBe('0 deliveries: 0 verified, 0 invalid');
    stats.add(delivery(true));
    expect(totalsText(stats.totals())).toBe('1 delivery: 1 verified, 0 invalid');
    for (const status of [200, 204, 401, 500, null]) stats.add(delivery(true, status));
    stats.add(delivery(false));
    expect(totalsText(stats.totals())).toBe(
      '7 deliveries: 6 verified, 1 invalid; forwarded: 2 2xx, 1 4xx, 1 5xx, 1 failed',
    );
  });
});
