import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createJasperClient } from '../../../src/providers/jasper/index.js';
import type { RunEvent, TaskDefinition } from '../../../src/providers/types.js';
import {
  BLOG_POST_TASK,
  DEFAULT_OUTPUT_TEXT,
  EVERY_INPUT_TASK,
  contentFrame,
  errorFrame,
  startFakeJasper,
  stepFrame,
  type FakeJasper,
} from '../../fakes/fake-jasper.js';
import { collect, inputId, jasperFor, lastEvent, runRequest, textOf } from './setup.js';

let fake: FakeJasper;
let blog: TaskDefinition;
let every: TaskDefinition;
beforeAll(async () => {
  fake = await startFakeJasper();
  blog = await jasperFor(fake).getTask(BLOG_POST_TASK.id);
  every = await jasperFor(fake).getTask(EVERY_INPUT_TASK.id);
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const STEP = 'c0ffee00-0000-4000-8000-000000000001';
const topic = () => ({ [inputId(blog, 'Topic')]: 'Jasper AI' });
const run = (options = {}) => collect(jasperFor(fake, options).run(runRequest(blog, topic())));

describe('run', () => {
  it('streams started, steps, text, then done, in order', async () => {
    const events = await run();
    const shape = events.filter((e) => e.type !== 'text').map((e) => (e.type === 'step' ? `${e.type}:${e.label}:${e.status}` : e.type));
    expect(shape).toEqual(['started', 'step:Thinking:running', 'step:Thought for 1 seconds:completed', 'step:Generating content:running', 'step:Generated content:completed', 'done']);
    const firstText = events.findIndex((e) => e.type === 'text');
    expect(events[firstText - 1]).toMatchObject({ type: 'step', label: 'Generating content' });
    expect(textOf(events)).toBe(DEFAULT_OUTPUT_TEXT);
    expect(events[1]).toMatchObject({ description: expect.stringContaining('Drafting') });
  });

  it('posts the body to /run/stream asking for an event stream', async () => {
    await run();
    const [sent] = fake.requestsTo('POST /tasks/:id/run/stream');
    expect(sent?.path).toBe(`/v1/tasks/${BLOG_POST_TASK.id}/run/stream`);
    expect(sent?.headers.accept).toBe('text/event-stream');
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.body).toEqual({ contextItems: [{ id: 'aefc16e6-f4a4-4915-83bf-0c73e146ae93', value: 'Jasper AI' }] });
  });

  it('sends every input type in a body the fake accepts', async () => {
    const id = (name: string) => inputId(every, name);
    const events = await collect(
      jasperFor(fake).run(
        runRequest(every, {
          [id('Product name')]: 'Jasper',
          [id('Brief')]: 'Launch the summer campaign',
          [id('Market')]: 'Market 120',
          [id('Channels')]: ['LinkedIn', 'YouTube'],
          [id('Knowledge')]: ['kno_01HBRANDGUIDE'],
          [id('Hashtags')]: ['summer', 'launch'],
          [id('Include paid ads?')]: 'true',
          [id('Hero image')]: 'img_123',
          [id('Research tool')]: 'web',
          [id('Extra notes')]: 'Keep it short',
        }, {
          extra: [{ name: 'Target Reader', question: 'Who reads it?', answer: 'CMOs' }],
          brand: { toneId: 'ton_abc123', audienceId: 'aud_xyz789', styleGuideId: 'sty_def456', knowledgeIds: ['kno_123'], toLanguage: 'EN-US' },
        }),
      ),
    );
    expect(lastEvent(events).type).toBe('done');
    expect(fake.requestsTo('POST /tasks/:id/run/stream')[0]?.body).toMatchSnapshot();
  });

  it('ends with the error the fake gives for a missing required input', async () => {
    const events = await collect(jasperFor(fake).run(runRequest(every, {})));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', partial: false, error: { code: 'bad_request', message: 'Jasper refused the request (400): Missing required context items: Product name.' } });
  });

  it('ends with an error event on an error frame inside a 200 stream', async () => {
    fake.scriptStream(BLOG_POST_TASK.id, { steps: [{ frame: stepFrame(STEP, 'loading', 'Generating content') }, { frame: contentFrame('Hello') }, { frame: errorFrame(400, 'app not found') }, { frame: contentFrame('never') }] });
    const events = await run();
    expect(events.map((e) => e.type)).toEqual(['started', 'step', 'text', 'error']);
    expect(lastEvent(events)).toMatchObject({ partial: true, error: { code: 'bad_request', message: expect.stringContaining('app not found') } });
  });

  it('maps a 5xx error frame before any text to upstream, not partial', async () => {
    fake.scriptStream(BLOG_POST_TASK.id, { steps: [{ frame: errorFrame(500, 'Internal server error', 'Internal Server Error') }] });
    expect(lastEvent(await run())).toMatchObject({ type: 'error', partial: false, error: { code: 'upstream' } });
  });

  it('reports a connection cut mid-stream as stream_cut, partial', async () => {
    fake.scriptStream(BLOG_POST_TASK.id, { steps: [{ frame: stepFrame(STEP, 'loading', 'Generating content') }, { frame: contentFrame('Half a') }, { cut: true, delayMs: 20 }] });
    const events = await run();
    expect(textOf(events)).toBe('Half a');
    expect(lastEvent(events)).toMatchObject({ type: 'error', partial: true, error: { code: 'stream_cut' } });
  });

  it('reports a stream that closes with a step still loading as stream_cut', async () => {
    fake.scriptStream(BLOG_POST_TASK.id, { steps: [{ frame: stepFrame(STEP, 'loading', 'Generating content') }] });
    expect(lastEvent(await run())).toMatchObject({ type: 'error', partial: false, error: { code: 'stream_cut' } });
  });

  it('reports numeric usage from content frames on done', async () => {
    const withUsage = { ...contentFrame('b'), usage: { inputTokens: 12, outputTokens: 34, model: 'x' } };
    fake.scriptStream(BLOG_POST_TASK.id, { steps: [{ frame: contentFrame('a') }, { frame: withUsage }] });
    expect(lastEvent(await run())).toEqual({ type: 'done', usage: { inputTokens: 12, outputTokens: 34 } });
  });

  it('reports an empty stream as stream_cut', async () => {
    fake.scriptStream(BLOG_POST_TASK.id, { steps: [] });
    expect(lastEvent(await run())).toMatchObject({ type: 'error', error: { code: 'stream_cut' } });
  });

  it('skips frames of unknown shape and ends on data that is not JSON', async () => {
    fake.scriptStream(BLOG_POST_TASK.id, { steps: [{ frame: { heartbeat: true } }, { frame: contentFrame('ok') }, { raw: 'data: {not json\n\n' }] });
    const events = await run();
    expect(events.map((e) => e.type)).toEqual(['started', 'text', 'error']);
    expect(lastEvent(events)).toMatchObject({ partial: true, error: { code: 'invalid_response' } });
  });

  it('times out a stream that goes quiet', async () => {
    fake.scriptStream(BLOG_POST_TASK.id, { steps: [{ frame: contentFrame('a') }, { frame: contentFrame('b'), delayMs: 2000 }] });
    const started = Date.now();
    const events = await run({ streamIdleTimeoutMs: 100 });
    expect(lastEvent(events)).toMatchObject({ type: 'error', partial: true, error: { code: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a frame past the buffer limit', async () => {
    // The limit is on what waits across chunks for its line to end, so the frame arrives in pieces.
    fake.scriptStream(BLOG_POST_TASK.id, { steps: [{ frame: contentFrame('x'.repeat(10_000)) }], chunkSize: 1000 });
    expect(lastEvent(await run({ maxStreamBufferSize: 2000 }))).toMatchObject({ type: 'error', error: { code: 'invalid_response' } });
  });

  it('honours time to first token and token rate', async () => {
    fake.setLatency({ timeToFirstTokenMs: 100, tokenIntervalMs: 1 });
    try {
      const started = Date.now();
      const events: Array<[RunEvent['type'], number]> = [];
      for await (const event of jasperFor(fake).run(runRequest(blog, topic()))) events.push([event.type, Date.now() - started]);
      const firstText = events.find(([type]) => type === 'text');
      expect(firstText?.[1]).toBeGreaterThanOrEqual(90);
      expect(events.at(-1)?.[0]).toBe('done');
    } finally {
      fake.setLatency({ timeToFirstTokenMs: 0, tokenIntervalMs: 0 });
    }
  });
});

describe('synchronous run (client)', () => {
  it('returns the whole output, and is never resent after a 500', async () => {
    const client = createJasperClient({ apiKey: fake.apiKey, baseURL: fake.baseURL });
    const result = await client.runTask(BLOG_POST_TASK.id, { contextItems: [{ id: inputId(blog, 'Topic'), value: 'AI' }] });
    expect(result.data.output).toEqual([{ type: 'TEXT', value: DEFAULT_OUTPUT_TEXT }]);
    expect(result.data.metadata?.credits?.cost).toBe(1);
    fake.failNext('POST /tasks/:id/run', { status: 500, times: 3 });
    await expect(client.runTask(BLOG_POST_TASK.id, { contextItems: [] })).rejects.toMatchObject({ code: 'upstream' });
    expect(fake.requestsTo('POST /tasks/:id/run')).toHaveLength(2);
  });
});

describe('run: cancel', () => {
  it('ends quietly when aborted mid-stream, and closes the connection', async () => {
    fake.setLatency({ tokenIntervalMs: 20 });
    try {
      const controller = new AbortController();
      const events: RunEvent[] = [];
      for await (const event of jasperFor(fake).run(runRequest(blog, topic(), { signal: controller.signal }))) {
        events.push(event);
        if (event.type === 'text') controller.abort();
      }
      expect(events.map((e) => e.type)).toEqual(['started', 'step', 'step', 'step', 'text']);
      await expect.poll(() => fake.requestsTo('POST /tasks/:id/run/stream')[0]?.clientClosed).toBe(true);
    } finally {
      fake.setLatency({ tokenIntervalMs: 0 });
    }
  });

  it('ends quietly when aborted while waiting for the stream to open', async () => {
    fake.setLatency({ runStartMs: 2000 });
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const events = await collect(jasperFor(fake).run(runRequest(blog, topic(), { signal: controller.signal })));
      expect(events).toEqual([]);
    } finally {
      fake.setLatency({ runStartMs: 0 });
    }
  });

  it('sends nothing for a signal already aborted', async () => {
    const events = await collect(jasperFor(fake).run(runRequest(blog, topic(), { signal: AbortSignal.abort() })));
    expect(events).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  it.each(['started', 'text'] as const)('closes the connection when the consumer leaves after %s', async (leaveAfter) => {
    fake.setLatency({ tokenIntervalMs: 20 });
    try {
      for await (const event of jasperFor(fake).run(runRequest(blog, topic()))) if (event.type === leaveAfter) break;
      await expect.poll(() => fake.requestsTo('POST /tasks/:id/run/stream')[0]?.clientClosed).toBe(true);
    } finally {
      fake.setLatency({ tokenIntervalMs: 0 });
    }
  });
});

describe('run: brand settings and knowledge prompts reach Jasper', () => {
  it('sends toneId, audienceId, styleGuideId, knowledgeIds and toLanguage from the brand (exact body)', async () => {
    const brand = { toneId: 'ton_01HFRIENDLY', audienceId: 'aud_01HCMOS', styleGuideId: 'sty_01HHOUSE', knowledgeIds: ['kno_01HBRANDGUIDE', 'kno_01HPRICINGFAQ'], toLanguage: 'FR' };
    const events = await collect(jasperFor(fake).run(runRequest(blog, topic(), { brand })));
    expect(lastEvent(events).type).toBe('done');
    expect(fake.requestsTo('POST /tasks/:id/run/stream')[0]?.body).toMatchInlineSnapshot(`
      {
        "audienceId": "aud_01HCMOS",
        "contextItems": [
          {
            "id": "aefc16e6-f4a4-4915-83bf-0c73e146ae93",
            "value": "Jasper AI",
          },
        ],
        "knowledgeIds": [
          "kno_01HBRANDGUIDE",
          "kno_01HPRICINGFAQ",
        ],
        "styleGuideId": "sty_01HHOUSE",
        "toLanguage": "FR",
        "toneId": "ton_01HFRIENDLY",
      }
    `);
  });

  it('sends a KNOWLEDGE input with an extraction prompt in the object form, which the fake accepts (exact body)', async () => {
    const id = (name: string) => inputId(every, name);
    const values = { [id('Product name')]: 'Jasper', [id('Knowledge')]: ['kno_01HPRODUCTSPECS::Extract only the product specifications', 'kno_01HPRICINGFAQ'] };
    const events = await collect(jasperFor(fake).run(runRequest(every, values)));
    expect(lastEvent(events).type).toBe('done');
    expect(fake.requestsTo('POST /tasks/:id/run/stream')[0]?.body).toMatchInlineSnapshot(`
      {
        "contextItems": [
          {
            "id": "2b1f7c8e-0d4a-4f57-9a61-5c3e8b2d9f10",
            "value": "Jasper",
          },
          {
            "id": "6f5d1a2c-4b8e-4d9b-9ea5-9a7c2f6b3d54",
            "value": [
              {
                "knowledgeExtractionPrompt": "Extract only the product specifications",
                "knowledgeId": "kno_01HPRODUCTSPECS",
              },
              {
                "knowledgeId": "kno_01HPRICINGFAQ",
              },
            ],
          },
        ],
      }
    `);
  });
});
