import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BLOG_POST_TASK, contentFrame, stepFrame } from '../fakes/fake-jasper.js';
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

describe('a reply in a run thread continues the session', () => {
  it('sends the previous output and the instruction to Jasper, and posts the new output in the same thread', async () => {
    h.jasper.setOutputText('First draft: a long intro.\n\nThe body.');
    const root = await runBlogPost(h, 'Dentists');
    await finishedRoot(h, 'C_GENERAL', root.ts);

    h.jasper.setOutputText('Second draft: a short intro.\n\nThe body.');
    const reply = await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text: 'make the intro shorter', threadTs: root.ts });
    expect(reply.status).toBe(200);
    await waitFor('the follow-up run', () => h.jasper.requestsTo('POST /tasks/:id/run/stream').length === 2);
    await waitFor('the follow-up output', () => outputIn(h.slack.thread('C_GENERAL', root.ts)).includes('Second draft'));

    const body = h.jasper.requestsTo('POST /tasks/:id/run/stream')[1]?.body as { contextItems: Array<Record<string, string>> };
    const custom = body.contextItems.filter((item) => 'answer' in item).map((item) => item.answer);
    expect(custom).toEqual(expect.arrayContaining(['First draft: a long intro.\n\nThe body.', 'make the intro shorter']));
    expect(body.contextItems).toEqual(expect.arrayContaining([{ id: BLOG_POST_TASK.contextItems[2]!.id, value: 'Dentists' }]));
    expect(outputIn(h.slack.thread('C_GENERAL', root.ts))).toBe('First draft: a long intro.\n\nThe body.Second draft: a short intro.\n\nThe body.');
    await finishedRoot(h, 'C_GENERAL', root.ts);
  });

  it('queues a reply that arrives while a run is going, says so, and runs it after', async () => {
    h.jasper.scriptStream(BLOG_POST_TASK.id, {
      steps: [stepFrame('s1', 'loading', 'Writing'), contentFrame('Slow draft.', 'c1'), stepFrame('s1', 'completed', 'Wrote')].map((frame, i) => ({
        frame,
        delayMs: i === 1 ? 400 : 0,
      })),
    });
    const root = await runBlogPost(h, 'Queues');
    await waitFor('the run to start', () => h.jasper.requestsTo('POST /tasks/:id/run/stream').length === 1);
    await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text: 'add a conclusion', threadTs: root.ts });
    await waitFor('the queued notice', () => threadText(h, 'C_GENERAL', root.ts).includes("as soon as the current run finishes"));
    await waitFor('the queued run', () => h.jasper.requestsTo('POST /tasks/:id/run/stream').length === 2, 10_000);
    const second = h.jasper.requestsTo('POST /tasks/:id/run/stream')[1]?.body as { contextItems: Array<Record<string, string>> };
    expect(second.contextItems.some((item) => item.answer === 'add a conclusion')).toBe(true);
  });

  it('ignores bot messages, edits, and threads that are not sessions', async () => {
    const root = await runBlogPost(h, 'Ignore');
    await finishedRoot(h, 'C_GENERAL', root.ts);
    await h.driver.message({ channel: 'C_GENERAL', user: 'U2', text: 'from a bot', threadTs: root.ts, botId: 'BOTHER' });
    await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text: 'edited', threadTs: root.ts, subtype: 'message_changed' });
    const other = await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text: 'unrelated' });
    const elsewhere = await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text: 'in another thread', threadTs: other.ts });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.jasper.requestsTo('POST /tasks/:id/run/stream')).toHaveLength(1);
    // Nothing was written for the unrelated thread's reply (its de-duplication claim is still free).
    expect(await h.bot.services.claims.once(`message:C_GENERAL:${elsewhere.ts}`, 1_000)).toBe(true);
  });
});
