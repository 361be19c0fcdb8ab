import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../../fakes/fake-slack.js';
import { waitFor } from '../../support/bot-harness.js';
import { startReplicas, type Replicas } from '../../support/replicas.js';
import { LENGTH, OUTLINE, TOPIC } from '../helpers.js';

/** Blog Post asks, in order: the outline, the length, the topic; then a summary. */
const QUESTIONS = [OUTLINE.question!, LENGTH.question!, TOPIC.question!];

describe('a conversation whose answers reach different replicas', () => {
  let r: Replicas;
  beforeAll(async () => {
    r = await startReplicas([{}, {}, {}]);
  }, 60_000);
  afterAll(async () => {
    await r?.close();
  });

  const botTexts = (ts: string) => r.slack.thread('C_GENERAL', ts).filter((m) => m.user === r.slack.botUserId).map((m) => textOf(m));
  const asked = (ts: string, question: string) => botTexts(ts).filter((t) => t.includes(question)).length;
  const summary = (ts: string) => botTexts(ts).find((t) => t.includes('Medium (800-1500 words)') && t.includes('Ready to run'));
  let tsCounter = 0;
  /** A Slack message ts a little after the last one (answers keep the order they were sent in). */
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, '0')}`;

  async function begin(via: number) {
    const sent = await r.via(via).appMention({ channel: 'C_GENERAL', user: 'U1', text: `<@${r.slack.botUserId}> run blog-post` });
    await waitFor('the first question', () => asked(sent.ts, QUESTIONS[0]!) === 1, 10_000);
    return sent.ts;
  }

  it('answers sent one after another through alternating replicas each count, and no question is asked twice', { timeout: 30_000 }, async () => {
    const thread = await begin(0);
    await r.via(1).message({ channel: 'C_GENERAL', user: 'U1', text: '1. Intro 2. Body', threadTs: thread, ts: nextTs() });
    await waitFor('the length question', () => asked(thread, QUESTIONS[1]!) === 1, 10_000);
    await r.via(2).message({ channel: 'C_GENERAL', user: 'U1', text: 'medium', threadTs: thread, ts: nextTs() });
    await waitFor('the topic question', () => asked(thread, QUESTIONS[2]!) === 1, 10_000);
    await r.via(0).message({ channel: 'C_GENERAL', user: 'U1', text: 'AI for dentists', threadTs: thread, ts: nextTs() });
    const text = await waitFor('the summary', () => summary(thread), 10_000);
    expect(text).toContain('AI for dentists');
    expect(text).toContain('1. Intro 2. Body');
    // An answered question's message is edited to the answer, so none may be left showing more than once.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const question of QUESTIONS) expect(asked(thread, question)).toBeLessThanOrEqual(1);
  });

  it('three answers sent at once to three replicas all count, in the order they were sent, whatever order they arrive in', { timeout: 30_000 }, async () => {
    for (const arrival of [
      [0, 1, 2],
      [2, 1, 0],
    ]) {
      const thread = await begin(0);
      const answers = [
        { text: '1. Hook 2. Proof', ts: nextTs() },
        { text: 'medium', ts: nextTs() },
        { text: 'Dental marketing', ts: nextTs() },
      ];
      // Sent together; each replica gets one, and they reach the bot in `arrival` order.
      await Promise.all(arrival.map((i, n) => new Promise((resolve) => setTimeout(resolve, n * 20)).then(() => r.via(i).message({ channel: 'C_GENERAL', user: 'U1', text: answers[i]!.text, threadTs: thread, ts: answers[i]!.ts }))));
      const text = await waitFor('the summary', () => summary(thread), 10_000);
      expect(text).toContain('1. Hook 2. Proof');
      expect(text).toContain('Dental marketing');
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const question of QUESTIONS) expect(asked(thread, question)).toBeLessThanOrEqual(1);
    }
  });
});
