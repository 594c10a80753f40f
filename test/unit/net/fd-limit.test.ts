import { describe, expect, it } from 'vitest';
import { connectionCap, openFileLimit } from '../../../src/net/fd-limit.js';

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
});
