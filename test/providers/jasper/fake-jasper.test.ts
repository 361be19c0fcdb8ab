/** The fake refuses what Jasper refuses: otherwise tests passing against it would prove little. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BLOG_POST_TASK, EVERY_INPUT_TASK, MARKET_OPTIONS, startFakeJasper, type FakeJasper } from '../../fakes/fake-jasper.js';

let fake: FakeJasper;
beforeAll(async () => {
  fake = await startFakeJasper({ commandAnswer: 'Shorter intro.' });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = { 'x-api-key': fake.apiKey }) {
  const response = await fetch(fake.baseURL + path, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const [PRODUCT, , MARKET, CHANNELS, KNOWLEDGE, HASHTAGS, PAID] = EVERY_INPUT_TASK.contextItems.map((c) => c.id);
const runEvery = (contextItems: unknown[], extra: Record<string, unknown> = {}) =>
  call('POST', `/tasks/${EVERY_INPUT_TASK.id}/run`, { contextItems: [{ id: PRODUCT, value: 'Jasper' }, ...contextItems], ...extra });

describe('fake Jasper', () => {
  it('wants the right key in x-api-key, whatever the header case', async () => {
    expect(await call('GET', '/tasks', undefined, {})).toEqual({ status: 401, json: { statusCode: 401, message: 'Unauthorized' } });
    expect((await call('GET', '/tasks', undefined, { 'x-api-key': 'nope' })).status).toBe(401);
    expect((await call('GET', '/tasks', undefined, { 'X-API-KEY': fake.apiKey })).status).toBe(200);
    expect(JSON.stringify(fake.requests)).not.toContain(fake.apiKey);
  });

  it('checks list parameters and leaves out context items unless asked', async () => {
    for (const query of ['size=0', 'size=101', 'size=ten', 'page=0', 'includeContextItems=yes', 'scope=ALL']) {
      expect((await call('GET', `/tasks?${query}`)).status, query).toBe(400);
    }
    const plain = await call('GET', '/tasks?size=1');
    expect(plain.json.pagination).toEqual({ totalRecords: 2, page: 1, pageSize: 1, next: '2', prev: null });
    expect((plain.json.data as Array<Record<string, unknown>>)[0]).not.toHaveProperty('contextItems');
    const full = await call('GET', '/tasks?page=2&size=1&includeContextItems=true');
    expect((full.json.data as Array<Record<string, unknown>>)[0]?.contextItems).toHaveLength(10);
    expect(full.json.pagination).toMatchObject({ next: null, prev: '1' });
  });

  it('answers 404 for an unknown task', async () => {
    expect(await call('GET', '/tasks/agt_nope')).toEqual({ status: 404, json: { statusCode: 404, message: 'Task not found', error: 'Not Found' } });
  });

  it('accepts every documented value format', async () => {
    const ok = await runEvery(
      [
        { id: MARKET, value: MARKET_OPTIONS[119] },
        { id: CHANNELS, value: ['TikTok'] },
        { id: KNOWLEDGE, value: [{ knowledgeId: 'kno_1', knowledgeExtractionPrompt: 'Only specs' }, { knowledgeId: 'kno_2' }] },
        { id: HASHTAGS, value: [] },
        { id: PAID, value: 'false' },
        { name: 'Target Reader', question: 'Who?', answer: 'CMOs', priority: 1 },
      ],
      { toneId: 'ton_1', knowledgeIds: ['kno_1'], toLanguage: 'FR', version: 3, tools: ['WEB_SEARCH'] },
    );
    expect(ok.status).toBe(200);
    expect(ok.json.data).toMatchObject({ output: [{ type: 'TEXT', value: expect.any(String) }] });
  });

  it.each([
    ['an unknown top-level field', [], { temperature: 1 }, 'property temperature should not exist'],
    ['an id of another task', [{ id: BLOG_POST_TASK.contextItems[0]?.id, value: 'x' }], {}, 'is not a context item of this task'],
    ['a SELECT value that is not an option exactly', [{ id: MARKET, value: 'market 001' }], {}, 'must be one of the options'],
    ['a MULTISELECT given a string', [{ id: CHANNELS, value: 'TikTok' }], {}, 'must be an array of the options'],
    ['a KNOWLEDGE object without an id', [{ id: KNOWLEDGE, value: [{ knowledgeExtractionPrompt: 'x' }] }], {}, 'must be an array of knowledge ids'],
    ['a CHECKBOX given a boolean', [{ id: PAID, value: true }], {}, 'must be "true" or "false"'],
    ['a TAGS_INPUT given a string', [{ id: HASHTAGS, value: 'a,b' }], {}, 'must be an array of strings'],
    ['a custom item without an answer', [{ name: 'n', question: 'q' }], {}, 'answer must be a string'],
    ['an item given twice', [{ id: PRODUCT, value: 'again' }], {}, 'is given twice'],
  ])('refuses %s', async (_what, items, extra, message) => {
    const { status, json } = await runEvery(items, extra);
    expect(status).toBe(400);
    expect([json.message].flat().join(' ')).toContain(message);
  });

  it('names missing required items, and wants contextItems as an array', async () => {
    const missing = await call('POST', `/tasks/${EVERY_INPUT_TASK.id}/run/stream`, { contextItems: [] });
    expect(missing).toMatchObject({ status: 400, json: { message: ['Missing required context items: Product name'] } });
    expect((await call('POST', `/tasks/${BLOG_POST_TASK.id}/run`, { contextItems: {} })).status).toBe(400);
    expect((await call('POST', `/tasks/${BLOG_POST_TASK.id}/run`, {})).status).toBe(400);
  });

  it('serves knowledge and commands', async () => {
    const knowledge = await call('GET', '/knowledge?q=tags:product&size=1');
    expect(knowledge.json.data).toHaveLength(1);
    expect(knowledge.json.pagination).toMatchObject({ totalRecords: 2, next: '2' });
    expect((await call('GET', '/knowledge?size=500')).status).toBe(400);
    const command = await call('POST', '/command', { inputs: { command: 'Shorten the intro', context: 'Long intro' } });
    expect(command).toMatchObject({ status: 201, json: { resource: 'command', data: [{ id: expect.any(String), text: 'Shorter intro.' }] } });
    expect((await call('POST', '/command', { inputs: {} })).status).toBe(400);
    expect((await call('POST', '/command', { inputs: { command: 'x', knowledgeIds: ['1', '2', '3', '4'] } })).status).toBe(400);
  });

  it('injects faults before anything else, then recovers', async () => {
    fake.failNext('GET /tasks', { status: 503, retryAfter: 7, times: 2 });
    const first = await fetch(`${fake.baseURL}/tasks`);
    expect([first.status, first.headers.get('retry-after')]).toEqual([503, '7']);
    expect((await call('GET', '/tasks')).status).toBe(503);
    expect((await call('GET', '/tasks')).status).toBe(200);
  });
});
