import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchOption } from '../../src/inputs/match-option.js';

const lengths = ['Short (under 800 words)', 'Medium (800-1500 words)', 'Long (over 1500 words)'];

describe('matchOption', () => {
  it.each([
    ['medium', { kind: 'match', value: 'Medium (800-1500 words)' }],
    ['MEDIUM  (800-1500   words)', { kind: 'match', value: 'Medium (800-1500 words)' }],
    ['  long ', { kind: 'match', value: 'Long (over 1500 words)' }],
    ['1500', { kind: 'ambiguous', candidates: ['Medium (800-1500 words)', 'Long (over 1500 words)'] }],
    ['words', { kind: 'ambiguous', candidates: lengths }],
    ['under', { kind: 'match', value: 'Short (under 800 words)' }],
    ['huge', { kind: 'none' }],
    ['', { kind: 'none' }],
  ])('%j', (input, expected) => {
    expect(matchOption(lengths, input)).toEqual(expected);
  });

  it('prefers an exact match to prefix matches, and a prefix to substrings', () => {
    expect(matchOption(['Blog', 'Blog post', 'Weblog'], 'blog')).toEqual({ kind: 'match', value: 'Blog' });
    expect(matchOption(['Blog post', 'Weblog'], 'blog')).toEqual({ kind: 'match', value: 'Blog post' });
  });

  it('takes a verbatim match over options that differ only in case', () => {
    expect(matchOption(['a', 'A'], 'A')).toEqual({ kind: 'match', value: 'A' });
    expect(matchOption(['a', 'A'], ' a ')).toEqual({ kind: 'ambiguous', candidates: ['a', 'A'] });
  });

  it('always matches an option to itself', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1 }), fc.nat(), (options, i) => {
        const option = options[i % options.length] as string;
        expect(matchOption(options, option)).toEqual({ kind: 'match', value: option });
      }),
    );
  });

  it('only ever answers with the given options', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' })), fc.string({ unit: 'grapheme' }), (options, input) => {
        const result = matchOption(options, input);
        if (result.kind === 'match') expect(options).toContain(result.value);
        if (result.kind === 'ambiguous') {
          expect(result.candidates.length).toBeGreaterThan(1);
          for (const c of result.candidates) expect(options).toContain(c);
        }
      }),
    );
  });
});
