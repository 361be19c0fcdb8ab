import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/providers/errors.js';
import { parseContextLines } from '../../../src/providers/jarvis/parse-context-lines.js';

describe('parseContextLines', () => {
  it('reads key: value and key=value lines, skipping blank ones and trimming', () => {
    expect(parseContextLines('repo: acme/web\r\n\n  branch = main  \nurl: https://x.example/?a=b\nempty:')).toEqual({
      repo: 'acme/web',
      branch: 'main',
      url: 'https://x.example/?a=b',
      empty: '',
    });
  });

  it('splits at whichever of ":" and "=" comes first', () => {
    expect(parseContextLines('query=a:b\ntime: 10=ten')).toEqual({ query: 'a:b', time: '10=ten' });
  });

  it('keeps a key such as __proto__ as an ordinary key', () => {
    const parsed = parseContextLines('__proto__: x');
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(JSON.stringify(parsed)).toBe('{"__proto__":"x"}');
  });

  it('is empty for empty text', () => {
    expect(parseContextLines('')).toEqual({});
  });

  it.each([
    ['repo: a\nno separator here', 'Context line 2 is not "key: value" or "key=value"'],
    ['=value', 'Context line 1 has no name before "="'],
    ['a: 1\n\na = 2', 'Context line 3 gives "a" a second time.'],
  ])('refuses %j with the line number', (text, message) => {
    let error: unknown;
    try {
      parseContextLines(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe('bad_request');
    expect((error as ProviderError).message).toContain(message);
  });
});
