import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { textOf } from '../fakes/fake-slack.js';
import { startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import { blockIdOf, finishedRoot, openForm, runBlogPost, TOPIC } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => h.jasper.reset());

const RUN = 'POST /tasks/:id/run/stream' as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('requests from Slack', () => {
  it('refuses a forged signature, a missing one, and a replayed old timestamp', async () => {
    const body = new URLSearchParams({ command: '/jasper', text: 'help', user_id: 'U1', channel_id: 'C_GENERAL', team_id: 'T0001', trigger_id: 't' }).toString();
    expect((await h.driver.send(body, { contentType: 'form', signature: 'wrong' })).status).toBe(401);
    expect((await h.driver.send(body, { contentType: 'form', signature: 'missing' })).status).toBe(401);
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    expect((await h.driver.send(body, { contentType: 'form', timestampSec: tenMinutesAgo })).status).toBe(401);
  });

  it('answers /healthz with the store state', async () => {
    const response = await fetch(`http://127.0.0.1:${h.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, store: { kind: 'redis', reachable: true }, worker: { enabled: true, connected: true } });
  });

  it('acknowledges a command at once and answers help, list and unknown verbs ephemerally', async () => {
    const help = await h.driver.slashCommand({ text: 'help' });
    expect(help.status).toBe(200);
    await waitFor('help', () => h.slack.ephemerals({ user: 'U1' }).some((e) => textOf(e).includes('/jasper run <task>')));
    await h.driver.slashCommand({ text: 'list blog' });
    await waitFor('the list', () => h.slack.ephemerals({ user: 'U1' }).some((e) => textOf(e).includes('Blog Post') && JSON.stringify(e.blocks).includes('task.open')));
    await h.driver.slashCommand({ text: 'dance' });
    await waitFor('usage', () => h.slack.ephemerals({ user: 'U1' }).some((e) => textOf(e).includes("I don't know `dance`")));
  });

  it('offers the closest tasks for an unknown one, and their Run button opens the form', async () => {
    await h.driver.slashCommand({ text: 'run blgo-post' });
    const reply = await waitFor('suggestions', () => h.slack.ephemerals({ user: 'U1' }).find((e) => textOf(e).includes("couldn't find a task called `blgo-post`")));
    expect(textOf(reply)).toContain('Blog Post');
    const views = h.slack.views().length;
    await h.driver.blockAction({ actionId: 'task.open', container: { type: 'message', channel: 'C_GENERAL', ts: reply.ts, ephemeral: true } });
    const opened = await waitFor('the form', () => h.slack.views().at(views)?.view);
    expect(opened.title?.text).toBe('Blog Post');
  });

  it('starts one run when Slack delivers the same reply three times (retries)', async () => {
    const root = await runBlogPost(h, 'Retries');
    await finishedRoot(h, 'C_GENERAL', root.ts);
    const runs = h.jasper.requestsTo(RUN).length;
    const first = await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text: 'shorter please', threadTs: root.ts });
    await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text: 'shorter please', threadTs: root.ts, ts: first.ts, eventId: first.eventId, retryNum: 1, retryReason: 'http_timeout' });
    await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text: 'shorter please', threadTs: root.ts, ts: first.ts, eventId: first.eventId, retryNum: 2, retryReason: 'http_timeout' });
    await waitFor('the follow-up run', () => h.jasper.requestsTo(RUN).length === runs + 1);
    await sleep(300);
    expect(h.jasper.requestsTo(RUN)).toHaveLength(runs + 1);
  });

  it('starts one run for a mention that arrives both as app_mention and as message', async () => {
    const root = await runBlogPost(h, 'Mentions');
    await finishedRoot(h, 'C_GENERAL', root.ts);
    const runs = h.jasper.requestsTo(RUN).length;
    await h.driver.appMention({ channel: 'C_GENERAL', user: 'U1', text: 'add a title', threadTs: root.ts, alsoMessageEvent: true });
    await waitFor('the follow-up run', () => h.jasper.requestsTo(RUN).length === runs + 1);
    await sleep(300);
    expect(h.jasper.requestsTo(RUN)).toHaveLength(runs + 1);
  });

  it('starts one run when the same form is submitted twice (double click)', async () => {
    const view = await openForm(h, 'run blog-post');
    const runs = h.jasper.requestsTo(RUN).length;
    const values = { [blockIdOf(view, TOPIC.id)]: 'Double' };
    // Both clicks leave the client before the modal has closed.
    const [first, second] = await Promise.all([h.driver.submitView({ viewId: view.id, values }), h.driver.submitView({ viewId: view.id, values })]);
    expect(first.sent && second.sent).toBe(true);
    await waitFor('the run', () => h.jasper.requestsTo(RUN).length === runs + 1);
    await sleep(300);
    expect(h.jasper.requestsTo(RUN)).toHaveLength(runs + 1);
  });

  it('shows invalid values on their fields and keeps everything typed', async () => {
    const view = await openForm(h, 'run blog-post');
    const long = 'x'.repeat(3_100);
    const result = await h.driver.submitView({ viewId: view.id, values: { [blockIdOf(view, TOPIC.id)]: long } });
    if (result.sent) {
      expect(result.outcome.kind).toBe('errors');
      expect(h.slack.view(view.id)?.open).toBe(true);
    } else {
      // Slack's own client refuses an over-long value before sending it: also nothing lost.
      expect(result.clientErrors).toBeDefined();
    }
  });

  it('when the bot is not in the channel, says how to fix it by DM, keeps the inputs, and Try again posts the run', async () => {
    const view = await openForm(h, 'run blog-post', 'U1', 'C_NOBOT');
    await h.driver.submitView({ viewId: view.id, values: { [blockIdOf(view, TOPIC.id)]: 'Invite me' } });
    const dm = await waitFor('the DM', () => h.slack.messages('D_USER1').find((m) => textOf(m).includes('/invite @Jasper')));
    expect(h.jasper.requestsTo(RUN).filter((r) => JSON.stringify(r.body).includes('Invite me'))).toHaveLength(0);

    h.slack.setMember('C_NOBOT', true);
    await h.driver.blockAction({ actionId: 'run.retry_post', container: { type: 'message', channel: dm.channel, ts: dm.ts } });
    const root = await waitFor('the run in the channel', () => h.slack.roots('C_NOBOT').at(0));
    await finishedRoot(h, 'C_NOBOT', root.ts);
    const sent = h.jasper.requestsTo(RUN).find((r) => JSON.stringify(r.body).includes('Invite me'));
    expect(sent).toBeDefined();
  });

  it('Cancel (by the run\'s owner) stops the upstream stream and says who cancelled', async () => {
    h.jasper.setLatency({ timeToFirstTokenMs: 50, tokenIntervalMs: 100 });
    const root = await runBlogPost(h, 'Cancel me');
    await waitFor('the run to start', () => h.jasper.requestsTo(RUN).some((r) => JSON.stringify(r.body).includes('Cancel me')));
    await waitFor('the Cancel button', () => JSON.stringify(h.slack.message('C_GENERAL', root.ts)?.blocks ?? []).includes('run.cancel'));
    await h.driver.blockAction({ userId: 'U1', actionId: 'run.cancel', container: { type: 'message', channel: 'C_GENERAL', ts: root.ts } });
    const ended = await finishedRoot(h, 'C_GENERAL', root.ts);
    expect(textOf(ended)).toContain('Cancelled');
    await waitFor('the cancel note', () => h.slack.thread('C_GENERAL', root.ts).some((m) => textOf(m).includes('Cancelled by <@U1>')));
    await waitFor('the upstream connection closed', () => h.jasper.requestsTo(RUN).find((r) => JSON.stringify(r.body).includes('Cancel me'))?.clientClosed);
    h.jasper.setLatency({ timeToFirstTokenMs: 0, tokenIntervalMs: 0 });
  });
});
