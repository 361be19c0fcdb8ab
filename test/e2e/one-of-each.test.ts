import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../fakes/fake-slack.js';
import { startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import { finishedRoot, runBlogPost } from './helpers.js';

const RUN = 'POST /tasks/:id/run/stream' as const;
const HINT = 'Reply in this thread to change it';
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

/** How many buttons in some blocks are styled primary (Slack's green). */
const primaries = (blocks: unknown) => JSON.stringify(blocks ?? []).split('"style":"primary"').length - 1;

describe('one of each where one is enough', () => {
  it('Home has at most one primary button', async () => {
    await h.driver.appHomeOpened('U1');
    const home = await waitFor('Home', () => h.slack.homeView('U1'));
    expect(JSON.stringify(home.view.blocks)).toContain('"text":"Run"');
    expect(primaries(home.view.blocks)).toBeLessThanOrEqual(1);
  });

  it('/jasper list has at most one primary button', async () => {
    await h.driver.slashCommand({ text: 'list' });
    const listed = await waitFor('the list', () => h.slack.ephemerals({ user: 'U1' }).find((e) => textOf(e).includes('Tasks you can run')));
    expect(primaries(listed.blocks)).toBeLessThanOrEqual(1);
  });

  it('says "reply in this thread" once per thread, while every output keeps its Keep writing button', async () => {
    const root = await runBlogPost(h, 'Hints');
    await finishedRoot(h, 'C_GENERAL', root.ts);
    await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text: 'make it shorter', threadTs: root.ts });
    await waitFor('the follow-up', () => h.jasper.requestsTo(RUN).length === 2);
    await waitFor('two finished outputs', () => h.slack.thread('C_GENERAL', root.ts).filter((m) => m.stream?.state === 'completed').length === 2);
    const thread = JSON.stringify(h.slack.thread('C_GENERAL', root.ts).map((m) => [m.text, m.blocks, m.stream?.stopBlocks]));
    expect(thread.split(HINT).length - 1).toBe(1);
    expect(thread.split('"action_id":"run.keep_writing"').length - 1).toBe(2);
  });
});
