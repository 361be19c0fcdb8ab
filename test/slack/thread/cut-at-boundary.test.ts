import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutAtBoundary } from '../../../src/slack/thread/renderers/stream-renderer.js';

describe('cutAtBoundary', () => {
  it('keeps text that fits, and cuts at a line break or space near the limit', () => {
    expect(cutAtBoundary('short', 10)).toBe('short');
    expect(cutAtBoundary('one two three four', 12)).toBe('one two ');
    expect(cutAtBoundary('line one\nline two and more', 14)).toBe('line one\n');
    expect(cutAtBoundary('abcdefghij', 4)).toBe('abcd');
    expect(cutAtBoundary('abc', 0)).toBe('');
  });

  it('returns a prefix within the limit that never ends inside a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.integer({ min: 2, max: 60 }), (text, max) => {
        const head = cutAtBoundary(text, max);
        expect(text.startsWith(head)).toBe(true);
        expect(head.length).toBeLessThanOrEqual(max);
        if (text.length > 0) expect(head.length).toBeGreaterThan(0);
        const last = head.charCodeAt(head.length - 1);
        expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
      }),
    );
  });
});
