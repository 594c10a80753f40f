import { describe, expect, it } from 'vitest';
import { excerpt, safeText } from '../../../packages/webhooks/src/shared/text.js';

describe('safeText: outside data on a terminal', () => {
  it('shows C0, DEL, C1 and bidi controls as visible escapes and leaves other text alone', () => {
    expect(safeText('Ada\u001b]0;pwned\u0007 Lovelace')).toBe('Ada\\x1b]0;pwned\\x07 Lovelace');
    expect(safeText('line\nforged  verified\r')).toBe('line\\x0aforged  verified\\x0d');
    expect(safeText('tab\there\u007f\u009b31m')).toBe('tab\\x09here\\x7f\\x9b31m');
    expect(safeText('abc\u202edcba\u2066x\u2069\u200f')).toBe('abc\\u202edcba\\u2066x\\u2069\\u200f');
    expect(safeText('Zoë Æther 日本 ✓ 🚀')).toBe('Zoë Æther 日本 ✓ 🚀');
  });

  it('shows every invisible or reordering character too: zero-width, U+2028/2029, tag characters', () => {
    expect(safeText('pay\u200bpal')).toBe('pay\\u200bpal');
    expect(safeText('a\u200db\ufeffc\u2060d')).toBe('a\\u200db\\ufeffc\\u2060d');
    expect(safeText('one\u2028two\u2029three')).toBe('one\\u2028two\\u2029three');
    expect(safeText('flag\u{e0041}\u{e007f}')).toBe('flag\\u{e0041}\\u{e007f}');
    expect(safeText('Ada \u202e\u0000')).toBe('Ada \\u202e\\x00');
  });

  it('cuts long values with … without splitting a character', () => {
    expect(safeText('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(excerpt('🚀🚀🚀', 2)).toBe('🚀…');
    expect(excerpt('🚀🚀', 2)).toBe('🚀🚀');
  });
});
