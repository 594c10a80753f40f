import { describe, expect, it } from 'vitest';
import { applyOverrides, parseOverride } from '../../../src/send/overrides.js';

describe('--set path=value', () => {
  it('parses values as JSON when they parse, else as text, and creates objects along the path', () => {
    const sample: Record<string, unknown> = {
      first_name: 'Grace',
      account: { id: 1, _href: 'x' },
      tags: null,
    };
    applyOverrides(
      sample,
      [
        'first_name=Ada',
        'account.id=42',
        'tags=["a","b"]',
        'owner.team.name=Sales',
        'note=a=b',
        'zip=01234',
      ].map(parseOverride),
    );
    expect(sample).toEqual({
      first_name: 'Ada',
      account: { id: 42, _href: 'x' },
      tags: ['a', 'b'],
      owner: { team: { name: 'Sales' } },
      note: 'a=b',
      zip: '01234',
    });
  });

  it('refuses a missing path, an empty segment and prototype keys', () => {
    for (const bad of ['=1', 'noequals', 'a..b=1', '__proto__.polluted=1', 'a.constructor=1']) {
      expect(() => parseOverride(bad), bad).toThrow(/is not path=value/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
