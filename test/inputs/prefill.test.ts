import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../src/inputs/command-text.js';
import { prefillFromPairs } from '../../src/inputs/prefill.js';
import { BLOG_LENGTHS, everyKind, field, task } from '../forms/fixtures.js';

function pairs(text: string): Record<string, string> {
  const parsed = parseCommandText(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.pairs;
}

describe('prefillFromPairs', () => {
  it('fills each kind of input from the command', () => {
    const result = prefillFromPairs(
      everyKind,
      pairs('run blog-post topic="AI for dentists" blog-length=medium channels="x, blog" knowledge=kno_1,kno_2 keywords="ai, teeth" include-cta=yes'),
    );
    expect(result).toEqual({
      values: {
        'id-topic': 'AI for dentists',
        'id-blog-length': 'Medium (800-1500 words)',
        'id-channels': ['X', 'Blog'],
        'id-knowledge': ['kno_1', 'kno_2'],
        'id-keywords': ['ai', 'teeth'],
        'id-include-cta': 'true',
      },
      notes: [],
    });
  });

  it('addresses an input by its name slug or its id', () => {
    expect(prefillFromPairs(everyKind, { 'blog_length': 'long', 'id-topic': 'x' }).values).toEqual({
      'id-blog-length': 'Long (over 1500 words)',
      'id-topic': 'x',
    });
  });

  it('names the inputs the task has when one is unknown', () => {
    expect(prefillFromPairs(everyKind, { tone: 'witty' })).toEqual({
      values: {},
      notes: ['Blog Post has no input called "tone". Its inputs: topic, outline, blog-length, channels, knowledge, keywords, include-cta.'],
    });
  });

  it('leaves an unmatched option empty and lists the options', () => {
    expect(prefillFromPairs(everyKind, { 'blog-length': 'huge' })).toEqual({
      values: {},
      notes: [`Couldn't match "huge" to a Blog length option: pick one below. The options are: ${BLOG_LENGTHS.join(', ')}.`],
    });
  });

  it('leaves an ambiguous option empty and lists what could be meant', () => {
    expect(prefillFromPairs(everyKind, { 'blog-length': '1500' })).toEqual({
      values: {},
      notes: ['"1500" could be more than one Blog length option (Medium (800-1500 words), Long (over 1500 words)): pick one below.'],
    });
  });

  it('does not list every option of a long list', () => {
    const options = Array.from({ length: 30 }, (_, i) => `Option ${i}`);
    const { notes } = prefillFromPairs(task([field('Pick', 'select', { options })]), { pick: 'nope', 'x': '1' });
    expect(notes[0]).toBe(`Couldn't match "nope" to a Pick option: pick one below.`);
    const ambiguous = prefillFromPairs(task([field('Pick', 'select', { options })]), { pick: 'option' }).notes[0];
    expect(ambiguous).toContain('Option 9 and 20 more');
  });

  it('keeps the matched items of a multi-select and notes the others', () => {
    expect(prefillFromPairs(everyKind, { channels: 'blog, myspace' })).toEqual({
      values: { 'id-channels': ['Blog'] },
      notes: [`Couldn't match "myspace" to a Channels option: pick one below. The options are: Blog, LinkedIn, X, Newsletter.`],
    });
  });

  it('takes a multi-select option that itself holds a comma', () => {
    const t = task([field('Styles', 'multi_select', { options: ['Short, punchy', 'Long'] })]);
    expect(prefillFromPairs(t, { styles: 'short, punchy' }).values).toEqual({ 'id-styles': ['Short, punchy'] });
  });

  it('reads yes/no/true/false for a checkbox', () => {
    for (const [typed, value] of [['no', 'false'], ['TRUE', 'true'], ['false', 'false'], ['Yes', 'true']]) {
      expect(prefillFromPairs(everyKind, { 'include-cta': typed as string }).values).toEqual({ 'id-include-cta': value });
    }
    expect(prefillFromPairs(everyKind, { 'include-cta': 'maybe' }).notes).toEqual([
      `Couldn't read "maybe" as yes or no for Include CTA: set it below.`,
    ]);
  });

  it('notes a value over the limit without cutting it', () => {
    const long = 'x'.repeat(600);
    expect(prefillFromPairs(everyKind, { topic: long })).toEqual({
      values: { 'id-topic': long },
      notes: ['Topic is 600 characters; the limit is 500. Shorten it below before running.'],
    });
    const huge = 'y'.repeat(3412);
    expect(prefillFromPairs(everyKind, { outline: huge }).notes).toEqual([
      'Outline is 3,412 characters; the limit is 3,000. Shorten it below before running.',
    ]);
  });

  it('ignores empty values', () => {
    expect(prefillFromPairs(everyKind, { topic: ' ' })).toEqual({ values: {}, notes: [] });
  });
});

describe('prefillFromPairs with the checked kinds', () => {
  const checked = task([field('Start URL', 'url'), field('Max steps', 'number', { min: 1, max: 25 }), field('Context', 'key_value')]);

  it('takes valid values and notes a refused one with its reason', () => {
    const { values, notes } = prefillFromPairs(checked, { 'start-url': 'https://example.com', 'max-steps': '99', context: 'a: 1' });
    expect(values).toEqual({ 'id-start-url': 'https://example.com', 'id-context': 'a: 1' });
    expect(notes).toEqual(['Max steps: 99 is out of range: type a number from 1 to 25. Fix it below.']);
  });

  it('keeps malformed lines for the user to fix in the modal, but never a bad address or number', () => {
    const { values, notes } = prefillFromPairs(checked, { 'start-url': 'ftp://x.test', 'max-steps': 'ten', context: 'oops' });
    expect(values).toEqual({ 'id-context': 'oops' });
    expect(notes).toHaveLength(3);
  });
});
