import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownToMrkdwn, splitMessage } from '../../src/forms/markdown.js';

describe('markdownToMrkdwn', () => {
  it.each([
    ['# Title', '*Title*'],
    ['### A **bold** heading ##', '*A bold heading*'],
    ['**bold** and __bold__', '*bold* and *bold*'],
    ['*italic* and _italic_', '_italic_ and _italic_'],
    ['***both***', '*_both_*'],
    ['**bold with _italic_ inside**', '*bold with _italic_ inside*'],
    ['~~gone~~', '~gone~'],
    ['2 * 3 * 4 and snake_case_name', '2 * 3 * 4 and snake_case_name'],
    ['[Jasper](https://jasper.ai)', '<https://jasper.ai|Jasper>'],
    ['[Jasper](https://jasper.ai "title")', '<https://jasper.ai|Jasper>'],
    ['**see [the docs](https://x.y/?a=1&b=2)**', '*see <https://x.y/?a=1&amp;b=2|the docs>*'],
    ['![a chart](https://img.example/c.png)', '<https://img.example/c.png|a chart>'],
    ['<https://jasper.ai>', '<https://jasper.ai>'],
    ['a < b & c > d', 'a &lt; b &amp; c &gt; d'],
    ['- one\n- two\n  - nested\n* star\n+ plus', '• one\n• two\n  • nested\n• star\n• plus'],
    ['- **Point:** detail', '• *Point:* detail'],
    ['1. first\n2. **second**', '1. first\n2. *second*'],
    ['> quoted **bold**', '> quoted *bold*'],
    ['---', '──────────'],
    ['`**not bold**` and `a<b`', '`**not bold**` and `a&lt;b`'],
    ['[`code` link](https://x.y)', '<https://x.y|`code` link>'],
  ])('%j', (md, mrkdwn) => {
    expect(markdownToMrkdwn(md)).toBe(mrkdwn);
  });

  it('leaves code fences alone apart from escaping and the language tag', () => {
    const md = ['Intro **x**', '```ts', 'const a = **b** < 2; // # not a heading', '- not a bullet', '```', 'After *y*'].join('\n');
    expect(markdownToMrkdwn(md)).toBe(
      ['Intro *x*', '```', 'const a = **b** &lt; 2; // # not a heading', '- not a bullet', '```', 'After _y_'].join('\n'),
    );
  });

  it('keeps blank lines and paragraphs', () => {
    expect(markdownToMrkdwn('# A\n\npara one\n\npara two\n')).toBe('*A*\n\npara one\n\npara two\n');
  });
});

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

function checkSplit(text: string, max: number): string[] {
  const parts = splitMessage(text, max);
  expect(parts.join('')).toBe(text);
  for (const [i, part] of parts.entries()) {
    expect(part.length).toBeGreaterThan(0);
    expect(part.length).toBeLessThanOrEqual(max);
    const next = parts[i + 1];
    if (next !== undefined) expect(isHigh(part.charCodeAt(part.length - 1)) && isLow(next.charCodeAt(0))).toBe(false);
  }
  return parts;
}

const pieces = fc.constantFrom('word', ' ', '\n', '\n\n', '```\n', '😀', '👩‍💻', '東京', 'é', '🇯🇵', 'x'.repeat(30));
const texts = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc.array(pieces, { maxLength: 200 }).map((p) => p.join('')),
);

describe('splitMessage', () => {
  it('loses and adds nothing, keeps every part within the limit and never splits a surrogate pair', () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: 2, max: 120 }), (text, max) => {
        checkSplit(text, max);
      }),
      { numRuns: 500 },
    );
  });

  it('returns one part for a short text and none for an empty one', () => {
    expect(splitMessage('hello', 10)).toEqual(['hello']);
    expect(splitMessage('', 10)).toEqual([]);
  });

  it('prefers paragraph breaks, then line breaks, then spaces', () => {
    expect(checkSplit('aaaa bbbb\ncccc\n\ndddd eeee', 16)).toEqual(['aaaa bbbb\ncccc\n\n', 'dddd eeee']);
    expect(checkSplit('aaaa bbbb\ncccc dddd', 16)).toEqual(['aaaa bbbb\n', 'cccc dddd']);
    expect(checkSplit('aaaa bbbb cccc dddd', 16)).toEqual(['aaaa bbbb cccc ', 'dddd']);
    expect(checkSplit('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('cuts hard before an emoji rather than through it', () => {
    expect(checkSplit('abc😀def', 4)).toEqual(['abc', '😀de', 'f']);
  });

  it('does not split inside a code fence when a break outside exists', () => {
    const fence = '```\nline one\n\nline two\n```';
    const text = `Intro.\n\n${fence}\n\nOutro text.`;
    const parts = checkSplit(text, fence.length + 4);
    expect(parts).toEqual(['Intro.\n\n', `${fence}\n\n`, 'Outro text.']);
  });

  it('splits inside a fence that is longer than a part', () => {
    const text = `\`\`\`\n${'code line\n'.repeat(20)}\`\`\``;
    const parts = checkSplit(text, 50);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0]?.endsWith('\n')).toBe(true);
  });

  it('refuses a limit that cannot hold a surrogate pair', () => {
    expect(() => splitMessage('abc', 1)).toThrow(RangeError);
  });
});
