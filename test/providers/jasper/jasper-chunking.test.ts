import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchFunction } from '../../../src/providers/http/http-client.js';
import { createJasperProvider } from '../../../src/providers/jasper/index.js';
import type { RunEvent, TaskDefinition } from '../../../src/providers/types.js';
import { BLOG_POST_TASK, contentFrame, defaultStreamSteps, encodeStream, startFakeJasper, stepFrame, type FakeJasper } from '../../fakes/fake-jasper.js';
import { collect, jasperFor, lastEvent, runRequest, textOf } from './setup.js';

/** A stream as Jasper's guide shows it, with multi-byte text, a comment, a byte-order mark and escaped quotes. */
const RECORDED_LF = [
  '\uFEFFevent: message\nid: 1\ndata: {"step":{"id":"8f4f5bc7","status":"loading","label":"Thinking","description":"**Drafting** the \\"About\\" section…"}}\n\n',
  ': keep-alive\n\n',
  'event: message\nid: 9\ndata: {"step":{"id":"8f4f5bc7","status":"completed","label":"Thought for 19 seconds"}}\n\n',
  'event: message\nid: 10\ndata: {"step":{"id":"2a2c1305","status":"loading","label":"Generating content"}}\n\n',
  'event: message\nid: 11\ndata: {"id":"b285","content":"# Unleash growth 🚀 with Jasper\\n\\nÉté, naïve, 日本語 — ","role":"JASPER","usage":null,"skillId":"3651","contentId":"b285"}\n\n',
  'event: message\nid: 12\ndata: {"id":"b285","content":"-quality content 👩🏽‍💻 far outpaces the time…","role":"JASPER","usage":null,"skillId":"3651","contentId":"b285"}\n\n',
  'event: message\nid: 13\ndata: {"step":{"id":"2a2c1305","status":"completed","label":"Generated content"}}\n\n',
].join('');

const VARIANTS = {
  LF: RECORDED_LF,
  CRLF: RECORDED_LF.replace(/\n/g, '\r\n'),
  CR: RECORDED_LF.replace(/\n/g, '\r'),
};

const TASK: TaskDefinition = { provider: 'jasper', id: 'task-1', name: 'T', slug: 't', description: '', categories: [], inputs: [] };

/** A fetch that answers with these byte chunks as an event stream. */
function streamingFetch(chunks: Uint8Array[]): FetchFunction {
  return async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(chunk);
          controller.close();
        },
      }),
      { headers: { 'content-type': 'text/event-stream' } },
    );
}

function runWith(chunks: Uint8Array[]): Promise<RunEvent[]> {
  return collect(createJasperProvider({ apiKey: 'k', baseURL: 'http://jasper.test/v1', fetch: streamingFetch(chunks) }).run(runRequest(TASK)));
}

/** Consecutive text deltas joined, so that a check does not depend on how the text was cut. */
function normalise(events: RunEvent[]): unknown[] {
  const out: unknown[] = [];
  for (const event of events) {
    const last = out.at(-1) as RunEvent | undefined;
    if (event.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', delta: last.delta + event.delta };
    else out.push(event);
  }
  return out;
}

describe('chunk boundaries', () => {
  for (const [name, text] of Object.entries(VARIANTS)) {
    const bytes = new TextEncoder().encode(text);

    it(`${name}: a split at every byte offset gives the same events`, async () => {
      const whole = await runWith([bytes]);
      expect(lastEvent(whole).type).toBe('done');
      expect(textOf(whole)).toBe('# Unleash growth 🚀 with Jasper\n\nÉté, naïve, 日本語 — -quality content 👩🏽‍💻 far outpaces the time…');
      expect(whole.filter((e) => e.type === 'step')).toHaveLength(4);
      for (let offset = 1; offset < bytes.length; offset++) {
        const split = await runWith([bytes.subarray(0, offset), bytes.subarray(offset)]);
        expect(split, `split at byte ${offset}`).toEqual(whole);
      }
    });

    it(`${name}: any cutting into many chunks gives the same events`, async () => {
      const whole = await runWith([bytes]);
      await fc.assert(
        fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }), async (cuts) => {
          const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const chunks = points.slice(1).map((end, i) => bytes.subarray(points[i], end));
          expect(await runWith(chunks)).toEqual(whole);
        }),
        { numRuns: 200 },
      );
    });
  }
});

describe('chunk boundaries over a real socket', () => {
  let fake: FakeJasper;
  beforeAll(async () => {
    fake = await startFakeJasper();
  });
  afterAll(() => fake.close());

  it.each([
    ['one byte at a time, LF', 1, '\n'],
    ['odd sizes, CRLF', [1, 2, 3, 5, 7, 11], '\r\n'],
  ] as const)('%s', async (_name, chunkSize, lineEnding) => {
    const steps = defaultStreamSteps('Été 🚀 naïve 日本語 👩🏽‍💻 '.repeat(20));
    fake.scriptStream(BLOG_POST_TASK.id, { steps, chunkSize: [...[chunkSize].flat()], lineEnding });
    const jasper = jasperFor(fake);
    const task = await jasper.getTask(BLOG_POST_TASK.id);
    const events = await collect(jasper.run(runRequest(task)));
    expect(lastEvent(events).type).toBe('done');
    expect(textOf(events)).toBe('Été 🚀 naïve 日本語 👩🏽‍💻 '.repeat(20));
    expect(normalise(events)).toEqual(normalise(await runWith([new TextEncoder().encode(encodeStream(steps, lineEnding))])));
  });

  it('keeps a long run intact', async () => {
    fake.scriptStream(BLOG_POST_TASK.id, { steps: [{ frame: stepFrame('s', 'loading', 'Generating') }, ...Array.from({ length: 500 }, (_, i) => ({ frame: contentFrame(`${i} ✓ `) })), { frame: stepFrame('s', 'completed', 'Done') }] });
    const jasper = jasperFor(fake);
    const events = await collect(jasper.run(runRequest(await jasper.getTask(BLOG_POST_TASK.id))));
    expect(textOf(events)).toBe(Array.from({ length: 500 }, (_, i) => `${i} ✓ `).join(''));
  });
});
