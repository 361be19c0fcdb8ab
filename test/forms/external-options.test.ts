import { describe, expect, it } from 'vitest';
import { knowledgeOptions, optionsForQuery } from '../../src/forms/external-options.js';

const pairs = (options: { text: { text: string }; value: string }[]) => options.map((o) => [o.value, o.text.text]);

describe('optionsForQuery', () => {
  const options = ['Germany', 'Austria', 'Armenia', 'Argentina', 'arm'];

  it('lists exact, then prefix, then substring matches, with index values', () => {
    expect(pairs(optionsForQuery(options, 'ARM'))).toEqual([
      ['4', 'arm'],
      ['2', 'Armenia'],
    ]);
    expect(pairs(optionsForQuery(options, 'EN'))).toEqual([
      ['2', 'Armenia'],
      ['3', 'Argentina'],
    ]);
    expect(optionsForQuery(options, 'zz')).toEqual([]);
  });

  it('lists everything for an empty query, up to the limit and never over 100', () => {
    expect(optionsForQuery(options, '')).toHaveLength(5);
    expect(optionsForQuery(options, '', 2)).toHaveLength(2);
    const many = Array.from({ length: 10_000 }, (_, i) => `Option ${i}`);
    expect(optionsForQuery(many, '', 500)).toHaveLength(100);
    expect(pairs(optionsForQuery(many, 'option 9999'))).toEqual([['9999', 'Option 9999']]);
  });

  it('shortens long option texts visibly', () => {
    const [option] = optionsForQuery(['x'.repeat(300)], 'x');
    expect(option?.text.text).toHaveLength(75);
    expect(option?.text.text.endsWith('…')).toBe(true);
  });
});

describe('knowledgeOptions', () => {
  it('ranks by name, uses ids as values, drops duplicates and ids too long for a value', () => {
    const items = [
      { id: 'kno_1', name: 'Brand book' },
      { id: 'kno_2', name: 'Book list' },
      { id: 'kno_2', name: 'Book list' },
      { id: 'k'.repeat(151), name: 'Books too long' },
      { id: 'kno_3', name: '' },
    ];
    expect(pairs(knowledgeOptions(items, 'book'))).toEqual([
      ['kno_2', 'Book list'],
      ['kno_1', 'Brand book'],
    ]);
    expect(pairs(knowledgeOptions(items, ''))).toContainEqual(['kno_3', 'kno_3']);
  });
});
