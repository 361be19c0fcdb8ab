import { describe, expect, it } from 'vitest';
import { jsonSchemaProblem } from '../../src/providers/values/json-schema.js';

describe('jsonSchemaProblem', () => {
  it.each([
    {},
    { type: 'object', properties: { title: { type: 'string', maxLength: 80 } }, required: ['title'] },
    { type: ['string', 'null'] },
    { type: 'array', items: { type: 'object', properties: { n: { type: 'integer', minimum: 0 } } }, minItems: 1 },
    { anyOf: [{ type: 'string' }, true], $defs: { x: { enum: [1, 2] } } },
    { type: 'string', pattern: '^[a-z]+$', 'x-unknown-keyword': 42 },
  ])('takes %j', (schema) => {
    expect(jsonSchemaProblem(schema)).toBeUndefined();
  });

  it.each([
    [true, 'must be a JSON object'],
    ['{"type":"object"}', 'must be a JSON object'],
    [{ type: [] }, '"type" must be one of'],
    [{ items: { type: 'list' } }, '"type" at /items must be one of'],
    [{ anyOf: [] }, '"anyOf" must be a non-empty list of schemas'],
    [{ properties: [] }, '"properties" must be an object of schemas'],
    [{ properties: { a: 'string' } }, 'the schema at /properties/a must be an object or true/false'],
    [{ minLength: -1 }, '"minLength" must be a whole number, 0 or more'],
    [{ maximum: '10' }, '"maximum" must be a number'],
    [{ pattern: '(' }, '"pattern" must be a regular expression'],
    [{ enum: 'a' }, '"enum" must be a list'],
  ])('refuses %j, saying why', (schema, problem) => {
    expect(jsonSchemaProblem(schema)).toContain(problem);
  });
});
