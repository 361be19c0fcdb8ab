import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeKnowledgeValue } from '../../../src/providers/jasper/index.js';
import type { TaskDefinition } from '../../../src/providers/types.js';
import {
  BLOG_INTRO_TEMPLATE,
  BLOG_POST_TASK,
  DEFAULT_TEMPLATES,
  DEFAULT_TEMPLATE_OUTPUT_TEXT,
  EVERY_INPUT_TASK,
  PRODUCT_DESCRIPTION_TEMPLATE,
  startFakeJasper,
  type FakeJasper,
} from '../../fakes/fake-jasper.js';
import { collect, jasperFor, lastEvent, runRequest, textOf } from './setup.js';

let fake: FakeJasper;
beforeAll(async () => {
  fake = await startFakeJasper({ templates: DEFAULT_TEMPLATES });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.setTemplates(DEFAULT_TEMPLATES);
  fake.setTemplateOutput(DEFAULT_TEMPLATE_OUTPUT_TEXT);
  fake.setLatency({ runStartMs: 0 });
});

const BRAND = { toneId: 'ton_01HFRIENDLY', audienceId: 'aud_01HCMOS', styleGuideId: 'sty_01HHOUSE', knowledgeIds: ['kno_01HBRANDGUIDE'], toLanguage: 'EN-US' };
const getBlog = () => jasperFor(fake).getTask(BLOG_INTRO_TEMPLATE.id);
const runs = () => fake.requestsTo('POST /templates/:id/run');

describe('templates in the catalogue', () => {
  it('lists tasks, then templates marked as templates', async () => {
    const tasks = await jasperFor(fake).listTasks();
    expect(tasks.map((t) => [t.id, t.kind])).toEqual([
      [BLOG_POST_TASK.id, undefined],
      [EVERY_INPUT_TASK.id, undefined],
      [BLOG_INTRO_TEMPLATE.id, 'template'],
      [PRODUCT_DESCRIPTION_TEMPLATE.id, 'template'],
    ]);
    expect(fake.requestsTo('GET /templates').map((r) => [r.path, r.query])).toEqual([['/v1/templates', {}]]);
    expect(fake.requestsTo('GET /templates/:id')).toHaveLength(0);
  });

  it('gets a template by its skl_ id, as the list shows it', async () => {
    const listed = (await jasperFor(fake).listTasks()).find((t) => t.id === PRODUCT_DESCRIPTION_TEMPLATE.id);
    expect(await jasperFor(fake).getTask(PRODUCT_DESCRIPTION_TEMPLATE.id)).toEqual(listed);
    expect(fake.requestsTo('GET /templates/:id').map((r) => r.path)).toEqual([`/v1/templates/${PRODUCT_DESCRIPTION_TEMPLATE.id}`]);
    expect(fake.requestsTo('GET /tasks/:id')).toHaveLength(0);
  });

  it('maps an unknown template id to not_found', async () => {
    await expect(jasperFor(fake).getTask('skl_nope')).rejects.toMatchObject({ code: 'not_found', message: 'Jasper could not find it (404): Template not found.' });
  });

  it('gets each template by id when the list leaves their inputs out', async () => {
    const bare = await startFakeJasper({ templates: DEFAULT_TEMPLATES, templateListOmitsInputs: true });
    try {
      const templates = (await jasperFor(bare).listTasks()).filter((t) => t.kind === 'template');
      expect(templates.map((t) => t.inputs.length)).toEqual([9, 4]);
      expect(bare.requestsTo('GET /templates/:id').map((r) => r.path).sort()).toEqual(DEFAULT_TEMPLATES.map((t) => `/v1/templates/${t.id}`).sort());
    } finally {
      await bare.close();
    }
  });

  it('lists tasks alone when templates cannot be read, and says so', async () => {
    fake.failNext('GET /templates', { status: 404, times: 3 });
    const logger = { warn: vi.fn() };
    const tasks = await jasperFor(fake, { logger }).listTasks();
    expect(tasks.map((t) => t.id)).toEqual([BLOG_POST_TASK.id, EVERY_INPUT_TASK.id]);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('templates could not be listed'), expect.objectContaining({ error: expect.stringContaining('404') }));
  });

  it('still fails the catalogue when tasks cannot be read', async () => {
    fake.failNext('GET /tasks', { status: 401 });
    await expect(jasperFor(fake).listTasks()).rejects.toMatchObject({ code: 'auth' });
  });

  it('asks for no templates when told not to', async () => {
    expect(await jasperFor(fake, { templates: false }).listTasks()).toHaveLength(2);
    expect(fake.requestsTo('GET /templates')).toHaveLength(0);
  });
});

describe('template run', () => {
  it('reports started, a Writing step, the whole text at once, then done', async () => {
    const events = await collect(jasperFor(fake).run(runRequest(await getBlog(), { blogTitle: 'AI for marketers' })));
    expect(events).toEqual([
      { type: 'started' },
      { type: 'step', id: 'jasper-template-writing', status: 'running', label: 'Writing' },
      { type: 'step', id: 'jasper-template-writing', status: 'completed', label: 'Writing' },
      { type: 'text', delta: DEFAULT_TEMPLATE_OUTPUT_TEXT },
      { type: 'done' },
    ]);
    expect(runs().map((r) => r.path)).toEqual([`/v1/templates/${BLOG_INTRO_TEMPLATE.id}/run`]);
  });

  it('sends every input type, option values and the brand settings inside inputs (exact body)', async () => {
    const task = await getBlog();
    const events = await collect(
      jasperFor(fake).run(
        runRequest(
          task,
          {
            blogTitle: 'Five ways AI helps marketers',
            audience: 'Marketing managers',
            voice: 'Professional',
            keywords: ['ai', 'marketing'],
            channels: ['Company blog', 'LinkedIn article'],
            includeCta: 'true',
            paragraphs: '2',
            sources: [encodeKnowledgeValue('kno_01HPRODUCTSPECS', 'Only the specs'), 'kno_01HPRICINGFAQ'],
            additionalContext: 'Mention the free trial.',
          },
          { brand: BRAND },
        ),
      ),
    );
    expect(lastEvent(events).type).toBe('done');
    expect(runs()[0]?.body).toMatchInlineSnapshot(`
      {
        "inputs": {
          "additionalContext": "Mention the free trial.",
          "audience": "Marketing managers",
          "audienceId": "aud_01HCMOS",
          "blogTitle": "Five ways AI helps marketers",
          "channels": [
            "blog",
            "linkedin",
          ],
          "includeCta": true,
          "keywords": [
            "ai",
            "marketing",
          ],
          "knowledgeIds": [
            "kno_01HBRANDGUIDE",
          ],
          "paragraphs": 2,
          "sources": [
            "kno_01HPRODUCTSPECS",
            "kno_01HPRICINGFAQ",
          ],
          "styleId": "sty_01HHOUSE",
          "toneId": "ton_01HFRIENDLY",
          "voice": "professional",
        },
      }
    `);
  });

  it('gets the template first when this provider has not seen it, to send option values', async () => {
    const task = await getBlog();
    fake.reset();
    await collect(jasperFor(fake).run(runRequest(task, { blogTitle: 'T', voice: 'Friendly and warm' })));
    expect(fake.requests.map((r) => r.route)).toEqual(['GET /templates/:id', 'POST /templates/:id/run']);
    expect(runs()[0]?.body).toEqual({ inputs: { blogTitle: 'T', voice: 'friendly' } });
  });

  it('does not get the template when it has no options to map', async () => {
    const task: TaskDefinition = { ...(await getBlog()), inputs: (await getBlog()).inputs.filter((i) => !i.options) };
    fake.reset();
    await collect(jasperFor(fake).run(runRequest(task, { blogTitle: 'T' })));
    expect(fake.requests.map((r) => r.route)).toEqual(['POST /templates/:id/run']);
  });

  it('runs a follow-up with the previous output and the change in the context input', async () => {
    fake.setTemplateOutput((_template, inputs) => `Rewritten for: ${String(inputs.blogTitle)}`);
    const task = await getBlog();
    const events = await collect(
      jasperFor(fake).run(runRequest(task, { blogTitle: 'AI' }, { continuation: { history: [{ output: 'First intro.' }], instruction: 'Make it shorter' } })),
    );
    expect(textOf(events)).toBe('Rewritten for: AI');
    expect(runs()[0]?.body).toEqual({ inputs: { blogTitle: 'AI', additionalContext: 'Previous output:\nFirst intro.\n\nRequested change:\nMake it shorter' } });
  });

  it('runs a follow-up of a template without a context input, within the input maxLength the fake enforces', async () => {
    const task = await jasperFor(fake).getTask(PRODUCT_DESCRIPTION_TEMPLATE.id);
    const request = runRequest(task, { productName: 'Mug', productDetails: 'Ceramic, 350 ml', platform: 'Shopify store' }, {
      continuation: { history: [{ output: 'A great mug. '.repeat(200) }], instruction: 'Say it is dishwasher safe' },
    });
    expect(lastEvent(await collect(jasperFor(fake).run(request))).type).toBe('done');
    const inputs = (runs()[0]?.body as { inputs: Record<string, string> }).inputs;
    expect(inputs.platform).toBe('shopify');
    expect(inputs.productDetails?.length).toBeLessThanOrEqual(1000);
    expect(inputs.productDetails).toMatch(/^Previous output:\nA great mug\. [\s\S]*…\n\nRequested change:\nSay it is dishwasher safe\n\nCeramic, 350 ml$/);
  });

  it('ends with the fake’s 400 after the step started, not partial', async () => {
    const events = await collect(jasperFor(fake).run(runRequest(await getBlog(), { audience: 'x'.repeat(201) })));
    expect(events.map((e) => e.type)).toEqual(['started', 'step', 'error']);
    expect(lastEvent(events)).toMatchObject({
      partial: false,
      error: { code: 'bad_request', message: expect.stringContaining('inputs.blogTitle should not be empty; inputs.audience must be shorter than or equal to 200 characters') },
    });
  });

  it('never resends a run after a 500', async () => {
    const task = await getBlog();
    fake.failNext('POST /templates/:id/run', { status: 500, times: 3 });
    expect(lastEvent(await collect(jasperFor(fake).run(runRequest(task, { blogTitle: 'T' }))))).toMatchObject({ type: 'error', error: { code: 'upstream' } });
    expect(runs()).toHaveLength(1);
  });

  it('reports a run that returns no text as invalid_response', async () => {
    fake.setTemplateOutput('  ');
    expect(lastEvent(await collect(jasperFor(fake).run(runRequest(await getBlog(), { blogTitle: 'T' }))))).toMatchObject({
      type: 'error',
      partial: false,
      error: { code: 'invalid_response' },
    });
  });

  it('ends quietly when cancelled while Jasper writes, and closes the connection', async () => {
    const task = await getBlog();
    fake.setLatency({ runStartMs: 2000 });
    const controller = new AbortController();
    const events = [];
    const started = Date.now();
    for await (const event of jasperFor(fake).run(runRequest(task, { blogTitle: 'T' }, { signal: controller.signal }))) {
      events.push(event);
      // A moment after the request went out, so that it reached Jasper.
      if (event.type === 'step') setTimeout(() => controller.abort(), 100);
    }
    expect(events.map((e) => e.type)).toEqual(['started', 'step']);
    expect(Date.now() - started).toBeLessThan(1500);
    await expect.poll(() => runs()[0]?.clientClosed).toBe(true);
  });

  it('runs a task marked as a template even when its id has no skl_ prefix', async () => {
    fake.setTemplates([{ ...PRODUCT_DESCRIPTION_TEMPLATE, id: 'tmpl-42' }]);
    const task = { ...(await jasperFor(fake).getTask(PRODUCT_DESCRIPTION_TEMPLATE.id).catch(() => undefined)) };
    expect(task.id).toBeUndefined();
    const listed = (await jasperFor(fake).listTasks()).find((t) => t.id === 'tmpl-42');
    expect(listed?.kind).toBe('template');
    const events = await collect(jasperFor(fake).run(runRequest(listed!, { productName: 'Mug', productDetails: 'Ceramic' })));
    expect(lastEvent(events).type).toBe('done');
    expect(runs().map((r) => r.path)).toEqual(['/v1/templates/tmpl-42/run']);
  });
});

describe('fake Jasper: template runs', () => {
  async function post(id: string, body: unknown) {
    const response = await fetch(`${fake.baseURL}/templates/${id}/run`, {
      method: 'POST',
      headers: { 'x-api-key': fake.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as { message?: string[]; data?: unknown } };
  }

  it('answers 201 with { data: [{ id, text }] }', async () => {
    expect(await post(BLOG_INTRO_TEMPLATE.id, { inputs: { blogTitle: 'T' }, options: { outputCount: 1 } })).toMatchObject({
      status: 201,
      json: { data: [{ id: expect.any(String), text: DEFAULT_TEMPLATE_OUTPUT_TEXT }] },
    });
  });

  it.each([
    ['a field beside inputs and options', { inputs: { blogTitle: 'T' }, toneId: 'ton_1' }, 'property toneId should not exist'],
    ['no inputs', {}, 'inputs must be an object'],
    ['an input the template does not have', { inputs: { blogTitle: 'T', title: 'x' } }, 'inputs.title is not an input of this template'],
    ['an option label instead of its value', { inputs: { blogTitle: 'T', voice: 'Professional' } }, 'inputs.voice must be one of the following values: friendly, professional'],
    ['a boolean as a string', { inputs: { blogTitle: 'T', includeCta: 'true' } }, 'inputs.includeCta must be a boolean value'],
    ['a number as a string', { inputs: { blogTitle: 'T', paragraphs: '2' } }, 'inputs.paragraphs must be a number'],
    ['a list given a string', { inputs: { blogTitle: 'T', keywords: 'ai' } }, 'inputs.keywords must be an array of strings'],
    ['knowledge objects', { inputs: { blogTitle: 'T', sources: [{ knowledgeId: 'kno_1' }] } }, 'inputs.sources must be an array of knowledge ids'],
    ['a styleGuideId (templates call it styleId)', { inputs: { blogTitle: 'T', styleGuideId: 'sty_1' } }, 'inputs.styleGuideId is not an input of this template'],
    ['knowledgeIds that are not strings', { inputs: { blogTitle: 'T', knowledgeIds: [1] } }, 'inputs.knowledgeIds must be an array of strings'],
  ])('answers 400 for %s', async (_what, body, message) => {
    const { status, json } = await post(BLOG_INTRO_TEMPLATE.id, body);
    expect(status).toBe(400);
    expect(json.message?.join('; ')).toContain(message);
  });

  it('validates inputs keyed by id and component by what the component implies', async () => {
    expect((await post(PRODUCT_DESCRIPTION_TEMPLATE.id, { inputs: { productName: 'Mug', productDetails: 'Ceramic', giftable: true, platform: 'amazon' } })).status).toBe(201);
    const wrong = await post(PRODUCT_DESCRIPTION_TEMPLATE.id, { inputs: { productName: 'Mug', productDetails: 'Ceramic', giftable: 'yes' } });
    expect(wrong.json.message).toEqual(['inputs.giftable must be a boolean value']);
  });

  it('answers 404 for an unknown template', async () => {
    expect((await post('skl_nope', { inputs: {} })).status).toBe(404);
  });

  it('refuses query parameters on the template list', async () => {
    const response = await fetch(`${fake.baseURL}/templates?page=1`, { headers: { 'x-api-key': fake.apiKey } });
    expect(response.status).toBe(400);
  });
});
