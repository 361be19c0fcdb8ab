import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { textOf } from '../fakes/fake-slack.js';
import { startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import { finishedRoot, runBlogPost } from './helpers.js';

const RUN = 'POST /tasks/:id/run/stream' as const;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
beforeEach(() => h.jasper.reset());

const botReplies = (channel: string, thread: string) => h.slack.thread(channel, thread).filter((m) => m.user === h.slack.botUserId);
const reactionsOn = (channel: string, ts: string) => h.slack.message(channel, ts)?.reactions ?? [];
const added = (channel: string, ts: string) =>
  h.slack.callsTo('reactions.add').filter((c) => c.args.channel === channel && c.args.timestamp === ts && c.response.ok).map((c) => String(c.args.name));

/** Starts Blog Post from a message with every required input, then presses Run on the summary. */
async function runFromConversation(channel: string): Promise<string> {
  const text = 'run blog-post topic="Dentists" blog-length=short';
  const sent = channel.startsWith('D')
    ? await h.driver.message({ channel, user: 'U1', text })
    : await h.driver.appMention({ channel, user: 'U1', text });
  await waitFor('the first question', () => botReplies(channel, sent.ts).length > 0);
  // The first "run" shows the summary (the outline is still open), the second confirms it.
  await h.driver.message({ channel, user: 'U1', text: 'run', threadTs: sent.ts });
  await waitFor('the summary', () => botReplies(channel, sent.ts).some((m) => textOf(m).includes('Ready to run')));
  await h.driver.message({ channel, user: 'U1', text: 'run', threadTs: sent.ts });
  await waitFor('the run', () => h.jasper.requestsTo(RUN).length === 1);
  return sent.ts;
}

describe('a run started from a conversation', () => {
  it('shows its state on the mention (working, then done), and its card in the thread does not send people to the thread', async () => {
    const mention = await runFromConversation('C_GENERAL');
    await waitFor('the working mark', () => added('C_GENERAL', mention).includes('hourglass_flowing_sand'));
    await waitFor('the done mark', () => reactionsOn('C_GENERAL', mention).includes('white_check_mark'));
    await waitFor('the working mark gone', () => !reactionsOn('C_GENERAL', mention).includes('hourglass_flowing_sand'));
    expect(reactionsOn('C_GENERAL', mention)).toEqual(['white_check_mark']);
    const card = botReplies('C_GENERAL', mention).find((m) => /Done/.test(textOf(m)))!;
    expect(textOf(card)).not.toContain('details in the thread');

    // A follow-up swaps the mark back to working, then to done again.
    await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text: 'make it shorter', threadTs: mention });
    await waitFor('the follow-up', () => h.jasper.requestsTo(RUN).length === 2);
    await waitFor('a second working mark', () => added('C_GENERAL', mention).filter((n) => n === 'hourglass_flowing_sand').length === 2);
    await waitFor('done again', () => reactionsOn('C_GENERAL', mention).join() === 'white_check_mark');
  });

  it('marks the mention failed when the run fails', async () => {
    h.jasper.failNext(RUN, { status: 404, body: { statusCode: 404, message: 'Task not found' } });
    const mention = await runFromConversation('C_GENERAL');
    await waitFor('the failed mark', () => reactionsOn('C_GENERAL', mention).join() === 'x');
  });

  it('a run from the form shows its state on its own root card, with no reaction', async () => {
    const calls = h.slack.callsTo('reactions.add').length;
    const root = await runBlogPost(h, 'Forms');
    const done = await finishedRoot(h, 'C_GENERAL', root.ts);
    expect(textOf(done)).toContain('details in the thread');
    // The end's reaction would come after the root's update: wait until the thread has shown the whole end.
    await waitFor('the end shown', async () => (await h.bot.services.sessions.findByThread('C_GENERAL', root.ts))?.turns.at(-1)?.presented === true);
    expect(h.slack.callsTo('reactions.add').slice(calls)).toEqual([]);
  });

  it('in a DM, clears the "working on it" status when the run ends', async () => {
    const thread = await runFromConversation('D_USER1');
    await waitFor('the done mark', () => reactionsOn('D_USER1', thread).includes('white_check_mark'));
    await waitFor('the status cleared', () =>
      h.slack.assistantCalls('assistant.threads.setStatus').some((c) => c.thread_ts === thread && (c.args as { status?: string }).status === ''),
    );
  });
});
