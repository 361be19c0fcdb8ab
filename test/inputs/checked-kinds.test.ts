import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkJson, checkJsonSchema } from '../../src/inputs/json-value.js';
import { checkKeyValueLines, readKeyValueLines } from '../../src/providers/values/key-value-lines.js';
import { checkNumber, rangeText } from '../../src/inputs/number-value.js';
import { parseTypedValue } from '../../src/inputs/typed-value.js';
import { checkUrl } from '../../src/inputs/url-value.js';
import { field } from '../forms/fixtures.js';

const steps = { min: 1, max: 25 };

describe('url', () => {
  it.each(['https://example.com', 'http://example.com/a?b=c#d', ' https://example.com/page \n'])('takes %j', (typed) => {
    expect(checkUrl(typed)).toEqual({ ok: true, value: typed.trim() });
  });

  it('takes a link as Slack sends it in a message', () => {
    expect(checkUrl('<https://example.com/a>')).toEqual({ ok: true, value: 'https://example.com/a' });
    expect(checkUrl('<https://example.com/a|example.com/a>')).toEqual({ ok: true, value: 'https://example.com/a' });
  });

  it.each([
    ['example.com', 'is not a web address'],
    ['not a url', 'is not a web address'],
    ['ftp://example.com/file', 'http:// or https:// (not ftp:)'],
    ['javascript:alert(1)', 'not javascript:'],
    ['file:///etc/passwd', 'not file:'],
  ])('refuses %j with the reason', (typed, reason) => {
    const checked = checkUrl(typed);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toContain(reason);
  });

  it('takes every http(s) URL fast-check makes and refuses every other scheme', () => {
    fc.assert(fc.property(fc.webUrl(), (url) => {
        expect(checkUrl(url)).toEqual({ ok: true, value: url });
      }));
    fc.assert(
      fc.property(fc.constantFrom('ftp', 'mailto', 'data', 'ws', 'javascript'), fc.domain(), (scheme, host) => {
        expect(checkUrl(`${scheme}://${host}/`).ok).toBe(false);
      }),
    );
  });
});

describe('number', () => {
  it('takes a whole number in the range, as its decimal text', () => {
    expect(checkNumber(steps, ' 12 ')).toEqual({ ok: true, value: '12' });
    expect(checkNumber(steps, '+1')).toEqual({ ok: true, value: '1' });
    expect(checkNumber({}, '1,000')).toEqual({ ok: true, value: '1000' });
  });

  it.each([
    ['0', '0 is out of range: type a number from 1 to 25.'],
    ['26', '26 is out of range: type a number from 1 to 25.'],
    ['2.5', '"2.5" is not a whole number: type one (1 to 25).'],
    ['ten', '"ten" is not a whole number: type one (1 to 25).'],
    ['99999999999999999999', '"99999999999999999999" is too large: type a number from 1 to 25.'],
  ])('refuses %j: %s', (typed, message) => {
    expect(checkNumber(steps, typed)).toEqual({ ok: false, message });
  });

  it('says the range as people read it', () => {
    expect([rangeText(steps), rangeText({ min: 1 }), rangeText({ max: 9 }), rangeText({})]).toEqual([
      '1 to 25',
      '1 or more',
      '9 or less',
      'any whole number',
    ]);
  });

  it('accepts exactly the integers in the range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (n) => {
        const checked = checkNumber(steps, String(n));
        expect(checked.ok).toBe(n >= 1 && n <= 25);
        if (checked.ok) expect(Number(checked.value)).toBe(n);
      }),
    );
  });
});

describe('json and json_schema', () => {
  it('takes any JSON that parses, as typed', () => {
    fc.assert(fc.property(fc.json(), (text) => {
        expect(checkJson(text)).toEqual({ ok: true, value: text.trim() });
      }));
  });

  it('refuses text that does not parse, with the parser reason', () => {
    const checked = checkJson('{"a": 1,}');
    expect(checked).toMatchObject({ ok: false, message: expect.stringMatching(/^That is not valid JSON \(.+\): check/) });
  });

  it('takes JSON pasted in a code block or with curly quotes', () => {
    expect(checkJson('```json\n{"a": 1}\n```')).toEqual({ ok: true, value: '{"a": 1}' });
    expect(checkJsonSchema('{“type”: “object”}')).toEqual({ ok: true, value: '{"type": "object"}' });
    expect(checkJson('{"quote": "“hi”"}')).toEqual({ ok: true, value: '{"quote": "“hi”"}' });
  });

  it('takes a JSON Schema and refuses what is not one, saying why', () => {
    const schema = '{"type":"object","properties":{"title":{"type":"string"}},"required":["title"]}';
    expect(checkJsonSchema(schema)).toEqual({ ok: true, value: schema });
    expect(checkJsonSchema('[1, 2]')).toMatchObject({ ok: false, message: expect.stringContaining('must be a JSON object') });
    expect(checkJsonSchema('{"type":"text"}')).toMatchObject({ ok: false, message: expect.stringContaining('"type" must be one of') });
    expect(checkJsonSchema('{"type":')).toMatchObject({ ok: false, message: expect.stringContaining('not valid JSON') });
  });
});

describe('key_value', () => {
  it('reads "key: value" and "key=value" lines, in order, skipping blank ones', () => {
    expect(readKeyValueLines('repo: acme/web\n\nbranch=main\nurl: https://x.test/?a=b')).toEqual({
      ok: true,
      entries: [
        ['repo', 'acme/web'],
        ['branch', 'main'],
        ['url', 'https://x.test/?a=b'],
      ],
    });
  });

  it.each([
    ['repo acme', 'Line 1 is not "key: value" or "key=value"'],
    ['a: 1\n: 2', 'Line 2 has no name before ":"'],
    ['a: 1\na=2', 'Line 2 gives "a" a second time'],
  ])('refuses %j with the line', (typed, reason) => {
    expect(checkKeyValueLines(typed)).toMatchObject({ ok: false, message: expect.stringContaining(reason) });
  });

  it('names the input in the reason when asked to', () => {
    expect(readKeyValueLines('oops', 'Context')).toMatchObject({ ok: false, message: expect.stringContaining('Context line 1') });
  });

  it('reads back every set of distinct keys and values it is given', () => {
    const key = fc.stringMatching(/^[a-z_][a-z0-9_]{0,11}$/);
    const value = fc.stringMatching(/^[^\r\n]{0,20}$/).map((v) => v.trim());
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, minLength: 1 }), fc.boolean(), (pairs, equals) => {
        const text = pairs.map(([k, v]) => `${k}${equals ? '=' : ': '}${v}`).join('\n');
        expect(readKeyValueLines(text)).toEqual({ ok: true, entries: pairs });
      }),
    );
  });
});

describe('parseTypedValue with the checked kinds', () => {
  const maxSteps = field('Max steps', 'number', steps);

  it('refuses with reason "invalid" and the check message', () => {
    expect(parseTypedValue(maxSteps, '40')).toEqual({ ok: false, reason: 'invalid', message: '40 is out of range: type a number from 1 to 25.' });
    expect(parseTypedValue(field('Start URL', 'url'), 'ftp://x.test')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(parseTypedValue(field('Schema', 'json_schema'), '{')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(parseTypedValue(field('Context', 'key_value'), 'nope')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(parseTypedValue(field('Data', 'json'), 'nope')).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('takes a valid value as text', () => {
    expect(parseTypedValue(maxSteps, '7')).toEqual({ ok: true, value: '7' });
    expect(parseTypedValue(field('Context', 'key_value'), 'a: 1')).toEqual({ ok: true, value: 'a: 1' });
  });

  it('refuses JSON over the limit before parsing it', () => {
    expect(parseTypedValue(field('Data', 'json'), JSON.stringify('x'.repeat(4000)))).toMatchObject({ ok: false, reason: 'too_long' });
  });
});
