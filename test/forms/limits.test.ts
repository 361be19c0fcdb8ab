import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, truncate } from '../../src/forms/limits.js';

const splitsPair = (s: string) => /[\uD800-\uDBFF]$/.test(s.replace(/…$/, ''));

describe('truncate', () => {
  it('leaves short text alone', () => {
    expect(truncate('hello', 5)).toBe('hello');
  });
  it('ends visibly in an ellipsis, without trailing spaces before it', () => {
    expect(truncate('hello world', 7)).toBe('hello…');
    expect(truncate('abcdef', 4)).toBe('abc…');
  });
  it('never splits an emoji, a flag or a ZWJ sequence', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('a👩‍💻b', 5)).toBe('a…');
    expect(truncate('🇯🇵🇫🇷xyz', 5)).toBe('🇯🇵…');
    expect(truncate('🇯🇵🇫🇷xyz', 7)).toBe('🇯🇵…');
    expect(truncate('cafe\u0301 au lait', 5)).toBe('caf…');
    expect(truncate('cafe\u0301 au lait', 6)).toBe('cafe\u0301…');
  });
  it('keeps CJK text', () => {
    expect(truncate('東京都の天気は晴れ', 5)).toBe('東京都の…');
  });
  it('is at most max, a visible prefix, and never splits a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: 1, max: 60 }), (text, max) => {
        const out = truncate(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        if (out !== text) {
          expect(out.endsWith('…')).toBe(true);
          expect(text.startsWith(out.slice(0, -1))).toBe(true);
        }
        expect(splitsPair(out)).toBe(false);
      }),
    );
  });
  it('formats counts with separators', () => {
    expect(formatCount(3412)).toBe('3,412');
  });
});
