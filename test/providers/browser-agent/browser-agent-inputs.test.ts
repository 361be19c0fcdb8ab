import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InputValues, TaskDefinition } from '../../../src/providers/types.js';
import { startFakeBrowserAgent, type FakeBrowserAgent } from '../../fakes/fake-browser-agent.js';
import { browserFor, collect, runRequest } from './setup.js';

let fake: FakeBrowserAgent;
let browse: TaskDefinition;
beforeAll(async () => {
  fake = await startFakeBrowserAgent();
  browse = await browserFor(fake).getTask('browse');
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const TASK = 'Find the pricing page.';

describe('browser agent inputs refused before anything is sent, with the reason', () => {
  it.each<[string, InputValues, string]>([
    ['an empty task', { task: '   ' }, 'The Task is empty: say what the browser agent should do.'],
    ['a start URL that is not a URL', { task: TASK, startUrl: 'example dot com' }, 'The Start URL "example dot com" is not a web address: give a full one such as https://example.com/page.'],
    ['a start URL that is not http or https', { task: TASK, startUrl: 'file:///etc/passwd' }, 'The Start URL must start with http:// or https:// (not file:): the browser agent only opens web pages.'],
    ['a javascript: start URL', { task: TASK, startUrl: 'javascript:alert(1)' }, 'The Start URL must start with http:// or https:// (not javascript:)'],
    ['an output schema that is not JSON', { task: TASK, schema: '{type: object}' }, 'The Output schema is not valid JSON ('],
    ['an output schema that is a list', { task: TASK, schema: '[1, 2]' }, 'The Output schema is not a JSON Schema: it must be a JSON object'],
    ['an output schema with an unknown type', { task: TASK, schema: '{"type":"objekt"}' }, 'The Output schema is not a JSON Schema: "type" must be one of string, number, integer, boolean, object, array, null (not "objekt").'],
    ['an output schema with a bad nested schema', { task: TASK, schema: '{"type":"object","properties":{"price":{"type":"money"}}}' }, '"type" at /properties/price must be one of'],
    ['an output schema whose required is not a list', { task: TASK, schema: '{"type":"object","required":"title"}' }, '"required" must be a list of property names'],
    ['max steps of 0', { task: TASK, maxSteps: '0' }, 'Max steps must be a whole number from 1 to 25 (not "0").'],
    ['max steps over 25', { task: TASK, maxSteps: '26' }, 'Max steps must be a whole number from 1 to 25 (not "26").'],
    ['max steps that is not a whole number', { task: TASK, maxSteps: '2.5' }, 'Max steps must be a whole number from 1 to 25 (not "2.5").'],
    ['max steps in words', { task: TASK, maxSteps: 'ten' }, 'Max steps must be a whole number from 1 to 25 (not "ten").'],
    ['an include HTML that is neither', { task: TASK, include_html_dump: 'maybe' }, 'Include HTML must be ticked or not'],
  ])('%s', async (_what, values, message) => {
    const events = await collect(browserFor(fake).run(runRequest(browse, values)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', partial: false, error: { code: 'bad_request', message: expect.stringContaining(message) } });
    expect(fake.requests).toHaveLength(0);
  });

  it('takes the edges: 1 and 25 steps, a boolean schema below the top, an http URL', async () => {
    for (const values of <InputValues[]>[
      { task: TASK, maxSteps: '1', startUrl: 'http://example.com' },
      { task: TASK, maxSteps: ' 25 ', schema: '{"type":"object","properties":{"any":true},"additionalProperties":false}' },
    ]) {
      expect((await collect(browserFor(fake).run(runRequest(browse, values)))).at(-1)?.type).toBe('done');
    }
    expect(fake.tasks().map((t) => t.maxSteps)).toEqual([1, 25]);
  });

  it('refuses a task it does not have', async () => {
    const events = await collect(browserFor(fake).run(runRequest({ ...browse, id: 'search' }, { task: TASK })));
    expect(events[0]).toMatchObject({ type: 'error', error: { code: 'not_found' } });
    expect(fake.requests).toHaveLength(0);
  });
});
