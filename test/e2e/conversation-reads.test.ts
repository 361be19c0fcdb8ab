import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../fakes/fake-slack.js';
import { textOf } from '../fakes/fake-slack.js';
import { startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import { LENGTH, OUTLINE, TOPIC } from './helpers.js';

const RUN = 'POST /tasks/:id/run/stream' as const;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
beforeEach(() => h.jasper.reset());

const CHANNEL = 'C_GENERAL';
const botReplies = (thread: string) => h.slack.thread(CHANNEL, thread).filter((m) => m.user === h.slack.botUserId);
const asking = (thread: string, question: string) => botReplies(thread).find((m) => textOf(m).includes(question));
/** Every interactive element (action_id and value) in some blocks, in order. */
function elementsOf(node: unknown): Array<{ action_id: string; value?: string }> {
  if (Array.isArray(node)) return node.flatMap(elementsOf);
  if (typeof node !== 'object' || node === null) return [];
  const own = 'action_id' in node && typeof node.action_id === 'string' ? [node as { action_id: string; value?: string }] : [];
  return [...own, ...Object.values(node).flatMap(elementsOf)];
}
const actionIds = (m: { blocks?: unknown }) => elementsOf(m.blocks).map((e) => e.action_id);

async function mention(text: string) {
  const sent = await h.driver.appMention({ channel: CHANNEL, user: 'U1', text });
  await waitFor('the first reply', () => botReplies(sent.ts).length > 0);
  return sent.ts;
}

async function say(thread: string, text: string, next: string) {
  await h.driver.message({ channel: CHANNEL, user: 'U1', text, threadTs: thread });
  return waitFor(`the question after "${text}"`, () => asking(thread, next));
}

/** Clicks a control of the message `ts` (or of `message`, an older copy of it that a client may still show). */
async function click(ts: string, prefix: string, value?: string, message?: JsonObject) {
  const source = message ?? h.slack.message(CHANNEL, ts);
  const element = elementsOf(source?.blocks).find((e) => e.action_id.startsWith(prefix) && (value === undefined || e.value === value));
  if (!element) throw new Error(`no ${prefix} control in message ${ts}`);
  return h.driver.blockAction({ actionId: element.action_id, container: { type: 'message', channel: CHANNEL, ts }, ...(message ? { message } : {}) });
}

describe('a conversation reads top to bottom', () => {
  it('keeps each question after its typed answer, and opens the next one with what was taken', async () => {
    const thread = await mention('run blog-post');
    const outline = asking(thread, OUTLINE.question!)!;
    const length = await say(thread, '1. Intro 2. Body', LENGTH.question!);
    // The outline question still asks its question; its controls are gone; the answer is the person's own message.
    const closed = h.slack.message(CHANNEL, outline.ts)!;
    expect(textOf(closed)).toContain(OUTLINE.question!);
    expect(textOf(closed)).not.toContain('✓');
    expect(actionIds(closed)).toEqual([]);
    expect(textOf(length)).toMatch(/^Got it: 1\. Intro 2\. Body/);

    const topic = await say(thread, 'medium', TOPIC.question!);
    expect(textOf(topic)).toContain('Got it: Medium (800-1500 words)');
    expect(textOf(h.slack.message(CHANNEL, length.ts)!)).toContain(LENGTH.question!);
    // Once answered, each question keeps the acknowledgement it opened with.
    expect(textOf(h.slack.message(CHANNEL, length.ts)!)).toMatch(/Got it: 1\. Intro 2\. Body/);
    await h.driver.message({ channel: CHANNEL, user: 'U1', text: 'AI for dentists', threadTs: thread });
    await waitFor('the summary', () => botReplies(thread).some((m) => textOf(m).includes('Got it: AI for dentists')));
    expect(textOf(h.slack.message(CHANNEL, topic.ts)!)).toContain('Got it: Medium (800-1500 words)');
    // Nothing in the thread repeats an answer above the person's message.
    expect(botReplies(thread).map(textOf).join('\n')).not.toMatch(/✓ \*?Outline/);
  });

  it('turns a used option button into the choice, and an old one clicked again says why nothing happens', async () => {
    const thread = await mention('run blog-post');
    await click(asking(thread, OUTLINE.question!)!.ts, 'fill.skip');
    const length = await waitFor('the length question', () => asking(thread, LENGTH.question!));
    const before = h.slack.asSlackMessage(length);
    await click(length.ts, 'fill.pick', '2');
    await waitFor('the topic question', () => asking(thread, TOPIC.question!));
    const chosen = h.slack.message(CHANNEL, length.ts)!;
    expect(textOf(chosen)).toContain(LENGTH.question!);
    expect(textOf(chosen)).toContain('✓ Long (over 1500 words)');
    expect(actionIds(chosen)).toEqual([]);
    expect(textOf(h.slack.message(CHANNEL, asking(thread, OUTLINE.question!)!.ts)!)).toContain('Skipped');

    // A client that still shows the old buttons (a second click before Slack redrew it).
    const told = h.slack.ephemerals({ user: 'U1' }).length;
    await click(length.ts, 'fill.pick', '2', before);
    const note = await waitFor('the reason', () => h.slack.ephemerals({ user: 'U1' }).at(told));
    expect(textOf(note)).toContain('already answered');
  });

  it('after Run the summary says the run started and has no buttons; a second Run click is told it already started', async () => {
    const thread = await mention('run blog-post topic="Dentists" blog-length=short');
    await h.driver.message({ channel: CHANNEL, user: 'U1', text: 'skip', threadTs: thread });
    const summary = await waitFor('the summary', () => botReplies(thread).find((m) => actionIds(m).some((a) => a.startsWith('fill.confirm'))));
    const old = h.slack.asSlackMessage(summary);
    await click(summary.ts, 'fill.confirm');
    await waitFor('the run', () => h.jasper.requestsTo(RUN).length === 1);
    const started = await waitFor('the summary to say so', () => {
      const m = h.slack.message(CHANNEL, summary.ts)!;
      return textOf(m).includes('Started') ? m : undefined;
    });
    expect(actionIds(started)).toEqual([]);
    expect(textOf(started)).toContain('Dentists');

    const told = h.slack.ephemerals({ user: 'U1' }).length;
    await click(summary.ts, 'fill.confirm', undefined, old);
    const note = await waitFor('the reason', () => h.slack.ephemerals({ user: 'U1' }).at(told));
    expect(textOf(note)).toContain('already started');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.jasper.requestsTo(RUN)).toHaveLength(1);
  });

  it('says what it read from free text before asking the rest, and asks plainly when it read nothing', async () => {
    h.jasper.setCommandAnswer('```json\n{"topic": "AI for dentists"}\n```');
    const read = await mention('a blog post about AI for dentists');
    const first = await waitFor('the first question', () => asking(read, OUTLINE.question!));
    const understood = botReplies(read).findIndex((m) => textOf(m).includes("Here's what I understood") && textOf(m).includes('AI for dentists'));
    expect(understood).toBeGreaterThanOrEqual(0);
    expect(understood).toBeLessThan(botReplies(read).findIndex((m) => m.ts === first.ts));

    h.jasper.setCommandAnswer('No idea.');
    const plain = await mention('a blog post please');
    await waitFor('the first question', () => asking(plain, OUTLINE.question!));
    expect(botReplies(plain).map(textOf).join('\n')).not.toContain('understood');
  });
});
