import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BLOG_POST_TASK, contentFrame, stepFrame } from '../fakes/fake-jasper.js';
import { textOf } from '../fakes/fake-slack.js';
import { outputIn, startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import { finishedRoot, runBlogPost } from './helpers.js';

/** A Markdown document of about `chars` characters in paragraphs, with headings, lists and multi-byte text. */
function longMarkdown(chars: number): string {
  const paragraphs: string[] = [];
  for (let i = 0; paragraphs.join('\n\n').length < chars; i++) {
    paragraphs.push(i % 5 === 0 ? `## Part ${i}: naïve résumés ✨` : `Paragraph ${i}. ${'Teams ship more when **drafts** are fast — 日本語も. '.repeat(6)}\n- point one\n- point two`);
  }
  return paragraphs.join('\n\n');
}

describe('output in a workspace with native streaming', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());
  beforeEach(() => h.jasper.reset());

  it('a 9,000-character output arrives whole', async () => {
    const text = longMarkdown(9_000);
    h.jasper.setOutputText(text);
    const root = await runBlogPost(h);
    await finishedRoot(h, 'C_GENERAL', root.ts);
    expect(outputIn(h.slack.thread('C_GENERAL', root.ts))).toBe(text);
  });

  it('an output longer than one message holds continues in further messages, nothing cut or repeated', async () => {
    const text = longMarkdown(40_000);
    h.jasper.setOutputText(text);
    const root = await runBlogPost(h);
    await finishedRoot(h, 'C_GENERAL', root.ts);
    const thread = h.slack.thread('C_GENERAL', root.ts);
    expect(outputIn(thread)).toBe(text);
    // More than one message holds it (further streams, or messages after the stream), each within Slack's limit.
    const holders = thread.filter((m) => (m.stream?.markdown ?? m.markdown_text ?? '').length > 0);
    expect(holders.length).toBeGreaterThan(1);
    expect(holders.every((m) => (m.stream?.markdown ?? m.markdown_text ?? '').length <= 12_000)).toBe(true);
  });

  it('shows each step as it changes, with its final state', async () => {
    h.jasper.scriptStream(BLOG_POST_TASK.id, {
      steps: [
        { frame: stepFrame('think', 'loading', 'Thinking', '**Drafting** the outline') },
        { frame: stepFrame('think', 'completed', 'Thought for 2 seconds'), delayMs: 120 },
        { frame: stepFrame('write', 'loading', 'Generating content'), delayMs: 120 },
        { frame: contentFrame('# Title\n\nBody.'), delayMs: 120 },
        { frame: stepFrame('write', 'completed', 'Generated content'), delayMs: 50 },
      ],
    });
    const root = await runBlogPost(h);
    await finishedRoot(h, 'C_GENERAL', root.ts);
    const streamed = h.slack.thread('C_GENERAL', root.ts).find((m) => m.stream);
    expect(streamed?.stream?.tasks.map((t) => [t.title, t.status])).toEqual([
      ['Thought for 2 seconds', 'complete'],
      ['Generated content', 'complete'],
    ]);
    const appends = [...h.slack.callsTo('chat.startStream'), ...h.slack.callsTo('chat.appendStream')].map((c) => JSON.stringify(c.args));
    expect(appends.some((a) => a.includes('in_progress'))).toBe(true);
  });
});

describe('output where the workspace refuses native streaming', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ slack: { streaming: 'feature_not_enabled' }, paceMs: 200 });
  });
  afterAll(async () => h?.close());
  beforeEach(() => h.jasper.reset());

  it('falls back to one progress message edited at a bounded rate, then posts the whole output', async () => {
    const text = longMarkdown(9_000);
    h.jasper.setOutputText(text);
    h.jasper.setLatency({ timeToFirstTokenMs: 20, tokenIntervalMs: 10 });
    h.slack.clearCalls();
    const root = await runBlogPost(h);
    await finishedRoot(h, 'C_GENERAL', root.ts);
    const thread = h.slack.thread('C_GENERAL', root.ts).slice(1);
    expect(outputIn(thread)).toBe(text);

    const progress = thread[0]!;
    expect(progress.stream).toBeUndefined();
    const edits = h.slack.callsTo('chat.update').filter((c) => c.args.ts === progress.ts);
    expect(edits.length).toBeGreaterThan(1);
    // Paced: while the run goes on, no two edits closer than the pacing interval (the final edit goes at once).
    const paced = edits.slice(0, -1);
    const gaps = paced.slice(1).map((c, i) => c.at - paced[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(150);
    expect(textOf(progress)).not.toContain('Working');
  });
});
