import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { field, task } from '../forms/fixtures.js';
import { converse } from './converse.js';

const browse = task([
  field('Start URL', 'url', { required: true }),
  field('Max steps', 'number', { required: true, min: 1, max: 25 }),
  field('Output schema', 'json_schema', { required: true }),
  field('Context', 'key_value', { required: true }),
]);
const [url, steps, schema, context] = browse.inputs;

describe('the conversation with the checked kinds', () => {
  it('asks again with the reason when a typed value is refused, and takes the fixed one', () => {
    const c = converse(browse);
    expect(c.say('ftp://example.com')).toEqual([
      expect.objectContaining({ type: 'ask', field: url, problem: 'The address must start with http:// or https:// (not ftp:).' }),
    ]);
    expect(c.say('<https://example.com/a|example.com/a>')).toMatchObject([
      { type: 'recorded', field: url, value: 'https://example.com/a' },
      { type: 'ask', field: steps },
    ]);
    expect(c.say('40')).toMatchObject([{ type: 'ask', field: steps, problem: '40 is out of range: type a number from 1 to 25.' }]);
    expect(c.say('10')).toMatchObject([{ type: 'recorded', value: '10' }, { type: 'ask', field: schema }]);
    expect(c.say('{"type": "text"}')).toMatchObject([{ type: 'ask', field: schema, problem: expect.stringContaining('not a JSON Schema') }]);
    expect(c.say('```\n{"type": "object"}\n```')).toMatchObject([{ type: 'recorded', value: '{"type": "object"}' }, { type: 'ask', field: context }]);
    expect(c.say('repo acme')).toMatchObject([{ type: 'ask', field: context, problem: expect.stringContaining('Line 1 is not "key: value"') }]);
    expect(c.say('repo: acme\nbranch=main')).toMatchObject([{ type: 'recorded', value: 'repo: acme\nbranch=main' }, { type: 'summary' }]);
  });

  it('never records a number out of range, whatever is typed', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 100 }), (n) => {
        const c = converse(task([field('Max steps', 'number', { min: 1, max: 25 })]));
        const [effect] = c.say(String(n));
        expect(effect?.type).toBe(n >= 1 && n <= 25 ? 'recorded' : 'ask');
      }),
    );
  });
});
