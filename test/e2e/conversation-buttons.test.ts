import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { textOf } from '../fakes/fake-slack.js';
import { startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import { blockIdOf, finishedRoot, LENGTH, OUTLINE, runBlogPost, TOPIC, type OpenedView } from './helpers.js';

const RUN = 'POST /tasks/:id/run/stream' as const;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
beforeEach(() => h.jasper.reset());

const botReplies = (threadTs: string) => h.slack.thread('C_GENERAL', threadTs).filter((m) => m.user === h.slack.botUserId);

/** Every interactive element (action_id and value) in some blocks, in order. */
function elementsOf(node: unknown): Array<{ action_id: string; value?: string }> {
  if (Array.isArray(node)) return node.flatMap(elementsOf);
  if (typeof node !== 'object' || node === null) return [];
  const own = 'action_id' in node && typeof node.action_id === 'string' ? [node as { action_id: string; value?: string }] : [];
  return [...own, ...Object.values(node).flatMap(elementsOf)];
}

/** Clicks the element of the latest bot message whose action id starts with `prefix` (and whose value is `value`). */
async function click(threadTs: string, prefix: string, value?: string) {
  const matches = (m: { blocks?: unknown }) => elementsOf(m.blocks).filter((e) => e.action_id.startsWith(prefix) && (value === undefined || e.value === value));
  const message = [...botReplies(threadTs)].reverse().find((m) => matches(m).length > 0);
  if (!message) throw new Error(`no ${prefix} control in the thread`);
  const before = botReplies(threadTs).length;
  await h.driver.blockAction({ actionId: matches(message)[0]!.action_id, container: { type: 'message', channel: 'C_GENERAL', ts: message.ts } });
  return before;
}

describe('conversation buttons', () => {
  it('Skip, an option button, Run now, then Edit opens the form pre-filled; submitting it runs in the same thread', async () => {
    const sent = await h.driver.appMention({ channel: 'C_GENERAL', user: 'U1', text: `<@${h.slack.botUserId}> run blog-post` });
    const thread = sent.ts;
    await waitFor('the first question', () => botReplies(thread).some((m) => textOf(m).includes(OUTLINE.question!)));

    let before = await click(thread, 'fill.skip');
    await waitFor('the next question', () => botReplies(thread).slice(before).some((m) => textOf(m).includes(LENGTH.question!)));
    before = await click(thread, 'fill.pick', '2');
    await waitFor('the topic question', () => botReplies(thread).slice(before).some((m) => textOf(m).includes(TOPIC.question!)));
    expect(botReplies(thread).map(textOf).join('\n')).toContain('Long (over 1500 words)');

    before = await click(thread, 'fill.run_now');
    await waitFor('the summary', () => botReplies(thread).slice(before).some((m) => JSON.stringify(m.blocks ?? []).includes('fill.edit')));

    const views = h.slack.views().length;
    await click(thread, 'fill.edit');
    const view = (await waitFor('the form', () => h.slack.views().at(views)?.view)) as unknown as OpenedView;
    const length = (view.blocks as Array<Record<string, any>>).find((b) => b.block_id === blockIdOf(view, LENGTH.id));
    expect(length?.element.initial_option.text.text).toBe('Long (over 1500 words)');
    await h.driver.submitView({ viewId: view.id, values: { [blockIdOf(view, TOPIC.id)]: 'Edited topic', [blockIdOf(view, LENGTH.id)]: '2' } });
    await waitFor('the run', () => h.jasper.requestsTo(RUN).length === 1);
    expect(h.jasper.requestsTo(RUN)[0]?.body).toEqual({
      contextItems: [
        { id: LENGTH.id, value: 'Long (over 1500 words)' },
        { id: TOPIC.id, value: 'Edited topic' },
      ],
    });
    await waitFor('the output in the same thread', () => h.slack.thread('C_GENERAL', thread).some((m) => m.stream?.state === 'completed'));
    // The conversation is over: a reply now is a follow-up to the run, not an answer.
    await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text: 'make it shorter', threadTs: thread });
    await waitFor('the follow-up run', () => h.jasper.requestsTo(RUN).length === 2);
  });

  it('"Edit inputs & run again" on a finished run opens the form with its inputs; the new run is a new turn in the same thread', async () => {
    const root = await runBlogPost(h, 'First topic');
    await finishedRoot(h, 'C_GENERAL', root.ts);
    const views = h.slack.views().length;
    await h.driver.blockAction({ actionId: 'run.edit_rerun', container: { type: 'message', channel: 'C_GENERAL', ts: root.ts } });
    const view = (await waitFor('the form', () => h.slack.views().at(views)?.view)) as unknown as OpenedView;
    const topic = (view.blocks as Array<Record<string, any>>).find((b) => b.block_id === blockIdOf(view, TOPIC.id));
    expect(topic?.element.initial_value).toBe('First topic');
    await h.driver.submitView({ viewId: view.id, values: { [blockIdOf(view, TOPIC.id)]: 'Second topic' } });
    await waitFor('the second run', () => h.jasper.requestsTo(RUN).length === 2);
    expect(JSON.stringify(h.jasper.requestsTo(RUN)[1]?.body)).toContain('Second topic');
    await waitFor('two outputs in one thread', () => h.slack.thread('C_GENERAL', root.ts).filter((m) => m.stream?.state === 'completed').length === 2);
    expect(h.slack.roots('C_GENERAL').filter((m) => m.ts === root.ts)).toHaveLength(1);
    // An edited run is the same request again, not a follow-up.
    await waitFor('the root says done', () => /Done/.test(textOf(h.slack.message('C_GENERAL', root.ts)!)));
    expect(textOf(h.slack.message('C_GENERAL', root.ts)!)).not.toContain('follow-up');
  });
});
