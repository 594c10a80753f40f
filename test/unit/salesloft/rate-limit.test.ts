import { describe, expect, it } from 'vitest';
import { parseRetryAfter, RateGovernor, rateLimitWaitMs } from '../../../src/salesloft/rate-limit.js';

const MINUTE = Date.parse('2026-11-28T12:00:00Z');

describe('waiting after a 429', () => {
  it('honours Retry-After in seconds or as a date, else waits for the server’s next minute', () => {
    const options = { jitterMs: 0, random: () => 0, localNow: MINUTE + 40_000 };
    expect(rateLimitWaitMs({ retryAfter: '7' }, options)).toEqual({
      ms: 7_000,
      why: 'as Salesloft asked (Retry-After)',
    });
    expect(parseRetryAfter(new Date(MINUTE + 5_000).toUTCString(), MINUTE)).toBe(5_000);
    const byDate = rateLimitWaitMs({ date: new Date(MINUTE + 50_000).toUTCString() }, options);
    expect(byDate.ms).toBe(10_000 + 250);
  });
});

describe('the rate governor', () => {
  it('does nothing while the budget is comfortable, spaces requests when low, waits for the minute at zero', () => {
    let now = MINUTE + 30_000;
    const governor = new RateGovernor(20, () => now);
    const date = new Date(now).toUTCString();
    expect(governor.delayMs()).toBe(0);
    governor.observe('100', date);
    expect(governor.delayMs()).toBe(0);
    governor.observe('10', date);
    expect(governor.delayMs()).toBe(2_000);
    governor.observe('0', date);
    expect(governor.delayMs()).toBe(30_000 + 250);
    now = MINUTE + 61_000;
    expect(governor.delayMs()).toBe(0);
  });
});
