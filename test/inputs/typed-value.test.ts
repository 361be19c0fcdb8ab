import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listBrief, parseTypedValue } from '../../src/inputs/typed-value.js';
import { BLOG_LENGTHS, everyKind, field } from '../forms/fixtures.js';

const input = (slug: string) => everyKind.inputs.find((f) => f.slug === slug)!;

describe('parseTypedValue', () => {
  it('takes text as typed, without the surrounding whitespace', () => {
    expect(parseTypedValue(input('topic'), '  AI for dentists \n')).toEqual({ ok: true, value: 'AI for dentists' });
    expect(parseTypedValue(input('outline'), '1. Intro\n2. Why')).toEqual({ ok: true, value: '1. Intro\n2. Why' });
  });

  it('refuses text over the limit with the limit and the length, never cutting it', () => {
    expect(parseTypedValue(input('outline'), 'y'.repeat(3412))).toEqual({
      ok: false,
      reason: 'too_long',
      message: 'Keep it under 3,000 characters (this one is 3,412).',
    });
    expect(parseTypedValue(input('topic'), 'x'.repeat(501))).toMatchObject({ reason: 'too_long', message: expect.stringContaining('under 500') });
    expect(parseTypedValue(input('topic'), 'x'.repeat(500))).toEqual({ ok: true, value: 'x'.repeat(500) });
  });

  it('refuses an empty answer', () => {
    for (const f of everyKind.inputs.filter((f) => f.kind !== 'knowledge')) {
      expect(parseTypedValue(f, ' \n ')).toMatchObject({ ok: false, reason: 'empty' });
    }
    expect(parseTypedValue(input('keywords'), ' , ,')).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('matches a typed option: "medium" is "Medium (800-1500 words)"', () => {
    expect(parseTypedValue(input('blog-length'), 'medium')).toEqual({ ok: true, value: 'Medium (800-1500 words)' });
    expect(parseTypedValue(input('blog-length'), 'LONG')).toEqual({ ok: true, value: 'Long (over 1500 words)' });
  });

  it('gives the candidates of an ambiguous option', () => {
    expect(parseTypedValue(input('blog-length'), '1500')).toEqual({
      ok: false,
      reason: 'ambiguous',
      candidates: [BLOG_LENGTHS[1], BLOG_LENGTHS[2]],
      message: '"1500" matches more than one option (Medium (800-1500 words), Long (over 1500 words)): which one?',
    });
  });

  it('lists the options when nothing matches, or the first few of a long list', () => {
    expect(parseTypedValue(input('blog-length'), 'huge')).toEqual({
      ok: false,
      reason: 'unknown_option',
      message: `Couldn't match "huge" to an option. The options: ${BLOG_LENGTHS.join(', ')}. Type one, or pick it from the menu.`,
    });
    const options = Array.from({ length: 30 }, (_, i) => `Option ${i}`);
    const refusal = parseTypedValue(field('Pick', 'select', { options }), 'nope');
    expect(refusal).toMatchObject({ reason: 'unknown_option', message: expect.stringContaining('Option 9 and 20 more.') });
  });

  it('keeps an echoed answer short', () => {
    const refusal = parseTypedValue(input('blog-length'), 'z'.repeat(500));
    expect(refusal.ok || refusal.message.length).toBeLessThan(250);
  });

  it('matches each item of a multi-select and refuses the list naming an item that does not match', () => {
    expect(parseTypedValue(input('channels'), 'blog, linked, x, blog')).toEqual({ ok: true, value: ['Blog', 'LinkedIn', 'X'] });
    expect(parseTypedValue(input('channels'), 'blog, myspace')).toMatchObject({
      ok: false,
      reason: 'unknown_option',
      message: expect.stringMatching(/^Couldn't match "myspace" to an option\. The options: Blog, LinkedIn, X, Newsletter\. Type them separated by commas/),
    });
    const t = field('Styles', 'multi_select', { options: ['Short, punchy', 'Short and sweet', 'Long'] });
    expect(parseTypedValue(t, 'short, punchy')).toEqual({ ok: true, value: ['Short, punchy'] });
    expect(parseTypedValue(t, 'long, short')).toMatchObject({
      reason: 'ambiguous',
      candidates: ['Short, punchy', 'Short and sweet'],
      message: expect.stringContaining('"short" matches more than one option'),
    });
  });

  it('splits tags', () => {
    expect(parseTypedValue(input('keywords'), 'ai, teeth,, dentists ')).toEqual({ ok: true, value: ['ai', 'teeth', 'dentists'] });
  });

  it.each([
    ['yes', 'true'], ['Y', 'true'], ['TRUE', 'true'], ['on', 'true'], ['no.', null], ['No', 'false'], ['n', 'false'], ['false', 'false'], ['OFF', 'false'],
  ])('reads %j as a checkbox', (typed, value) => {
    const result = parseTypedValue(input('include-cta'), typed);
    if (value === null) expect(result).toMatchObject({ ok: false, reason: 'unknown_option' });
    else expect(result).toEqual({ ok: true, value });
  });

  it('asks for knowledge to be picked', () => {
    expect(parseTypedValue(input('knowledge'), 'kno_1')).toEqual({ ok: false, reason: 'not_typeable', message: 'Pick items from the menu.' });
  });

  it('reads a select without options as text', () => {
    expect(parseTypedValue(field('Tone', 'select'), 'witty')).toEqual({ ok: true, value: 'witty' });
    expect(parseTypedValue(field('Tags', 'multi_select'), 'a, b')).toEqual({ ok: true, value: ['a', 'b'] });
  });

  it('never throws, and an accepted option is always one of the options', () => {
    const kinds = ['text', 'long_text', 'select', 'multi_select', 'knowledge', 'tags', 'checkbox'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.array(fc.string({ maxLength: 8 }), { maxLength: 5 }), fc.string(), (kind, options, text) => {
        const f = field('F', kind, { options, maxLength: 20 });
        const result = parseTypedValue(f, text);
        if (!result.ok) {
          expect(result.message).not.toBe('');
          return;
        }
        const values = Array.isArray(result.value) ? result.value : [result.value];
        if ((kind === 'select' || kind === 'multi_select') && options.length > 0) {
          for (const v of values) expect(options).toContain(v);
        }
        if (kind === 'text' || kind === 'long_text') expect((result.value as string).length).toBeLessThanOrEqual(20);
      }),
    );
  });
});

describe('listBrief', () => {
  it('lists a few items, and counts the rest', () => {
    expect(listBrief(['a', 'b'])).toBe('a, b');
    expect(listBrief(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
  });
});
