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

describe('a --set path the sample does not have', () => {
  it('is named with the closest fields (a typo would otherwise add a field silently)', async () => {
    const { unknownFields, parseOverride } = await import('../../../src/send/overrides.js');
    const sample = { first_name: 'Ada', account: { id: 1, _href: 'x' } };
    expect(
      unknownFields(
        sample,
        ['frist_name=Zed', 'account.idd=2', 'account.id=3', 'first_name=Grace'].map(parseOverride),
      ),
    ).toEqual([
      { path: 'frist_name', suggestions: ['first_name'] },
      { path: 'account.idd', suggestions: ['id'] },
    ]);
  });
});
