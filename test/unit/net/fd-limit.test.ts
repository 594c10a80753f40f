import { describe, expect, it } from 'vitest';
import { connectionBudget, connectionCap, openFileLimit } from '../../../src/net/fd-limit.js';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max processes             63704                63704                processes
Max open files            1024                 524288               files
`;

describe('the connection cap', () => {
  it('is half the soft open-file limit, so idle sockets leave descriptors for cleanup', () => {
    expect(openFileLimit(LIMITS)).toBe(1024);
    expect(connectionCap(1024)).toBe(512);
    expect(connectionCap(20_000)).toBe(10_000);
    expect(connectionCap(20)).toBe(16);
  });

  it('falls back to 512 where the limit cannot be read or is unlimited', () => {
    expect(openFileLimit(undefined)).toBeUndefined();
    expect(openFileLimit('')).toBeUndefined();
    expect(openFileLimit(LIMITS.replace('1024 ', 'unlimited'))).toBeUndefined();
    expect(connectionCap(undefined)).toBe(512);
  });

  it('is split between the receiver, the forwarder and the inspector, never past the cap', () => {
    expect(connectionBudget(1024)).toEqual({ receiver: 256, forwarder: 128, inspector: 128 });
    expect(connectionBudget(256)).toEqual({ receiver: 64, forwarder: 32, inspector: 32 });
    for (const limit of [20, 64, 1024, 65_536]) {
      const budget = connectionBudget(limit);
      expect(budget.receiver + budget.forwarder + budget.inspector).toBeLessThanOrEqual(connectionCap(limit));
    }
  });
});
