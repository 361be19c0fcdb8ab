import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BLOG_POST_TASK, contentFrame, errorFrame, stepFrame } from '../fakes/fake-jasper.js';
import { textOf } from '../fakes/fake-slack.js';
import { outputIn, startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import { finishedRoot, runBlogPost, threadText } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => h.jasper.reset());

const RUN = 'POST /tasks/:id/run/stream' as const;

/** Runs Blog Post and returns the failed root and the thread's visible text. */
async function failedRun() {
  const root = await runBlogPost(h);
  const ended = await finishedRoot(h, 'C_GENERAL', root.ts);
  expect(textOf(ended)).toContain('Failed');
  await waitFor('the failure message', () => threadText(h, 'C_GENERAL', root.ts).includes(':x:'));
  return { root, thread: threadText(h, 'C_GENERAL', root.ts) };
}

describe('upstream failures are explained in the thread, with a Retry that works, and the bot stays up', () => {
  it('401: the API key is not valid', async () => {
    h.jasper.failNext(RUN, { status: 401, body: { statusCode: 401, message: 'Unauthorized' } });
    const { thread } = await failedRun();
    expect(thread).toContain('did not accept the bot\'s API key');
    expect(h.jasper.requestsTo(RUN)).toHaveLength(1);
  });

  it('404: the task is gone', async () => {
    h.jasper.failNext(RUN, { status: 404, body: { statusCode: 404, message: 'Task not found' } });
    const { thread } = await failedRun();
    expect(thread).toContain('/jasper list');
  });

  it('429 with Retry-After is waited out and the run goes through', async () => {
    h.jasper.failNext(RUN, { status: 429, retryAfter: 1 });
    const root = await runBlogPost(h);
    const ended = await finishedRoot(h, 'C_GENERAL', root.ts);
    expect(textOf(ended)).toContain('Done');
    expect(h.jasper.requestsTo(RUN)).toHaveLength(2);
  });

  it('429 that persists: told to wait, and Retry then works', async () => {
    h.jasper.failNext(RUN, { status: 429, retryAfter: 1, times: 3 });
    const { root, thread } = await failedRun();
    expect(thread).toContain('slow down');
    const retry = h.slack.thread('C_GENERAL', root.ts).find((m) => JSON.stringify(m.blocks ?? []).includes('run.retry'));
    await h.driver.blockAction({ actionId: 'run.retry', container: { type: 'message', channel: 'C_GENERAL', ts: retry!.ts } });
    await waitFor('the retried run to finish', () => textOf(h.slack.message('C_GENERAL', root.ts)!).includes('Done'));
    expect(h.jasper.requestsTo(RUN)).toHaveLength(4);
  });

  it('500 on run start is not resent (it may have started and billed), and Retry re-runs with the same inputs', async () => {
    h.jasper.failNext(RUN, { status: 500 });
    const { root, thread } = await failedRun();
    expect(thread).toContain('problem on its side');
    expect(h.jasper.requestsTo(RUN)).toHaveLength(1);
    const retry = h.slack.thread('C_GENERAL', root.ts).find((m) => JSON.stringify(m.blocks ?? []).includes('run.retry'));
    await h.driver.blockAction({ actionId: 'run.retry', container: { type: 'message', channel: 'C_GENERAL', ts: retry!.ts } });
    await waitFor('the retried run to finish', () => textOf(h.slack.message('C_GENERAL', root.ts)!).includes('Done'));
    const [first, second] = h.jasper.requestsTo(RUN);
    expect(second?.body).toEqual(first?.body);
  });

  it('an error frame inside a 200 stream', async () => {
    h.jasper.scriptStream(BLOG_POST_TASK.id, { steps: [{ frame: stepFrame('s1', 'loading', 'Thinking') }, { frame: errorFrame(400, 'app not found') }] });
    const { thread } = await failedRun();
    expect(thread).toContain('app not found');
  });

  it('a stream cut mid-way keeps the partial output, marked incomplete, never shown as done', async () => {
    h.jasper.scriptStream(BLOG_POST_TASK.id, {
      steps: [{ frame: stepFrame('s1', 'loading', 'Writing') }, { frame: contentFrame('The first half of the post') }, { cut: true, delayMs: 100 }],
    });
    const { root, thread } = await failedRun();
    expect(thread).toContain('incomplete');
    expect(thread).toContain('connection to Jasper broke');
    expect(outputIn(h.slack.thread('C_GENERAL', root.ts))).toBe('The first half of the post');
    expect(textOf(h.slack.message('C_GENERAL', root.ts)!)).not.toContain('Done');
  });

  it('keeps serving after all of the above', async () => {
    const root = await runBlogPost(h);
    expect(textOf(await finishedRoot(h, 'C_GENERAL', root.ts))).toContain('Done');
    expect(h.logs.join('\n')).not.toContain(h.jasper.apiKey);
  });
});
