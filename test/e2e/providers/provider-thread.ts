/**
 * Driving one provider's task through Slack as a person would (modal, mention, thread reply) and reading what the
 * thread shows: its text, its steps and its output. Kept to what people see, not to block internals.
 */
import { expect } from 'vitest';
import { blocksText, textOf } from '../../fakes/fake-slack.js';
import { outputIn, waitFor, type Harness } from '../../support/bot-harness.js';
import { blockIdOf, finishedRoot, openForm } from '../helpers.js';

export const CHANNEL = 'C_GENERAL';

/** Everything the thread shows a person: message text, block text and streamed output, in order. */
export function shownIn(h: Harness, rootTs: string): string {
  return h.slack
    .thread(CHANNEL, rootTs)
    .map((m) => [textOf(m), blocksText((m.blocks ?? []) as never), m.stream?.markdown ?? '', m.markdown_text ?? ''].join('\n'))
    .join('\n');
}

/** The output the thread shows (streamed and posted). */
export function outputOf(h: Harness, rootTs: string): string {
  return outputIn(h.slack.thread(CHANNEL, rootTs));
}

/** Titles of the steps the thread shows, with their latest status. */
export function stepsOf(h: Harness, rootTs: string): Array<{ title: string; status: string }> {
  return h.slack.thread(CHANNEL, rootTs).flatMap((m) => (m.stream?.tasks ?? []).map((t) => ({ title: t.title, status: t.status })));
}

/** `/jasper run <address>`, fills the one required field and submits; resolves with the root message's ts. */
export async function runFromModal(h: Harness, address: string, fieldId: string, value: string): Promise<string> {
  const view = await openForm(h, `run ${address}`);
  const roots = h.slack.roots(CHANNEL).length;
  const submitted = await h.driver.submitView({ viewId: view.id, values: { [blockIdOf(view, fieldId)]: value } });
  expect(submitted.sent && submitted.outcome.kind).toBe('closed');
  const root = await waitFor('the root message', () => h.slack.roots(CHANNEL).at(roots));
  return root.ts;
}

/** The run's root message once it says how the run ended. */
export async function ending(h: Harness, rootTs: string): Promise<string> {
  return textOf(await finishedRoot(h, CHANNEL, rootTs));
}

const botReplies = (h: Harness, threadTs: string) => h.slack.thread(CHANNEL, threadTs).filter((m) => m.user === h.slack.botUserId);

/**
 * Mentions the bot naming the task, answers its first question with `answer` and skips the optional ones, then
 * presses Run on the summary; resolves with the thread's ts (the run lives in that thread).
 */
export async function runByConversation(h: Harness, address: string, firstQuestion: string, answer: string): Promise<string> {
  const sent = await h.driver.appMention({ channel: CHANNEL, user: 'U1', text: `<@${h.slack.botUserId}> run ${address}` });
  const thread = sent.ts;
  const last = () => {
    const message = botReplies(h, thread).at(-1);
    return message ? `${textOf(message)}\n${blocksText((message.blocks ?? []) as never)}` : '';
  };
  await waitFor('the first question', () => last().includes(firstQuestion));
  let reply = answer;
  for (let asked = 0; asked < 8; asked++) {
    const confirm = botReplies(h, thread).find((m) => JSON.stringify(m.blocks ?? []).includes('fill.confirm'));
    if (confirm) {
      const actionId = JSON.stringify(confirm.blocks).match(/"action_id":"(fill\.confirm[^"]*)"/)?.[1] ?? 'fill.confirm';
      await h.driver.blockAction({ actionId, container: { type: 'message', channel: CHANNEL, ts: confirm.ts } });
      return thread;
    }
    const before = botReplies(h, thread).length;
    const shown = last();
    await h.driver.message({ channel: CHANNEL, user: 'U1', text: reply, threadTs: thread });
    await waitFor(`the bot to answer "${reply}"`, () => botReplies(h, thread).length > before || last() !== shown);
    reply = 'skip';
  }
  throw new Error(`no summary to run after the questions of ${address}`);
}

/** A person's reply in a run's thread; resolves once the thread shows a second output containing `expected`. */
export async function followUp(h: Harness, rootTs: string, text: string, expected: string): Promise<void> {
  await h.driver.message({ channel: CHANNEL, user: 'U1', text, threadTs: rootTs });
  await waitFor('the follow-up output', () => outputOf(h, rootTs).includes(expected), 10_000);
}

/** The failure the thread shows once the run failed. */
export async function failureShown(h: Harness, rootTs: string): Promise<string> {
  expect(await ending(h, rootTs)).toMatch(/Failed/);
  // The explanation is the message that starts with :x: (steps before it only say that something failed).
  return waitFor('the failure in the thread', () => {
    const text = h.slack.thread(CHANNEL, rootTs).slice(1).map(textOf).join('\n');
    return text.includes(':x:') && text;
  });
}

/** Waits until a conversation's thread says its run ended, and returns what the thread shows. */
export async function conversationEnded(h: Harness, threadTs: string): Promise<string> {
  await waitFor('the run to end in the thread', () => botReplies(h, threadTs).some((m) => /Done|Failed/.test(textOf(m))), 10_000);
  return shownIn(h, threadTs);
}
