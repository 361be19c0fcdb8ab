/**
 * Faults of the Slack Web API while a run is shown: `chat.appendStream` (native streaming) and `chat.update` (the
 * edit fallback) answer 429 for a while, or past the client's retries. Progress must catch up once Slack lets it, and
 * the final output must be in the thread exactly once, whole.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { textOf } from '../fakes/fake-slack.js';
import { runBlogPost } from '../e2e/helpers.js';
import { rootShows, runsWith, shownOutput, sleep } from './support/checks.js';
import type { FaultHarness, FaultHarnessOptions } from './support/fault-harness.js';
import { useFaultHarness } from './support/use-harness.js';

/** About 4,000 characters in paragraphs: streamed by the fake in about 100 content frames of 40 characters. */
const TEXT = Array.from({ length: 20 }, (_, i) => `Paragraph ${i + 1}: ${'rate limits are part of the weather. '.repeat(5).trim()}`).join('\n\n');
const FRAMES = Math.ceil(TEXT.length / 40);
/** Gap between content frames when the run must outlast a 2-second rate limit and still show paced edits after it (edits
 * are at most one every 1.2 s, chat.update's Tier 3 share for one run): about 6 s in all; and otherwise. */
const SLOW_TOKENS_MS = 60;
const FAST_TOKENS_MS = 8;

/** Markdown text carried by a stream call's chunks. */
const chunkText = (args: Record<string, unknown>) =>
  (Array.isArray(args.chunks) ? (args.chunks as Array<{ type?: string; text?: string }>) : [])
    .filter((c) => c.type === 'markdown_text')
    .map((c) => c.text ?? '')
    .join('');

let h: FaultHarness;
let crashes: { seen: string[] };
/** A fresh bot for each test of the enclosing describe (see support/use-harness.ts). */
function freshBot(options: FaultHarnessOptions) {
  const harness = useFaultHarness(options);
  beforeEach(() => {
    h = harness.h;
    crashes = harness.crashes;
  });
}

describe('native streaming', () => {
  freshBot({ paceMs: 50 });
  beforeEach(() => {
    h.jasper.setOutputText(TEXT);
    h.jasper.setLatency({ timeToFirstTokenMs: 0, tokenIntervalMs: FAST_TOKENS_MS });
  });

  it('chat.appendStream answers 429 (Retry-After: 1) for a while: progress catches up, the output is whole and shown once', async () => {
    h.jasper.setLatency({ timeToFirstTokenMs: 0, tokenIntervalMs: SLOW_TOKENS_MS });
    const fault = h.slackFaults.add({ method: 'chat.appendStream', answer: { status: 429, retryAfterSec: 1 }, times: 2 });
    const root = await runBlogPost(h, 'Appends limited');
    await rootShows(h, 'C_GENERAL', root.ts, 'Done');
    await sleep(200);

    expect(fault.used).toBe(2);
    expect(runsWith(h, 'Appends limited')).toHaveLength(1);
    const thread = h.slack.thread('C_GENERAL', root.ts);
    // One streamed message holds the whole output; nothing was posted again beside it.
    expect(thread.filter((m) => m.stream)).toHaveLength(1);
    expect(shownOutput(h, 'C_GENERAL', root.ts)).toBe(TEXT);
    expect(h.slack.callsTo('chat.postMessage').filter((c) => c.args.markdown_text !== undefined)).toHaveLength(0);
    // Caught up by merging: far fewer appends than upstream frames, and progress resumed after the 429s.
    const appends = h.slack.callsTo('chat.appendStream').filter((c) => c.response.ok);
    expect(appends.length).toBeGreaterThan(0);
    expect(appends.length).toBeLessThan(FRAMES / 3);
    const stops = h.slack.callsTo('chat.stopStream').filter((c) => c.response.ok);
    expect(stops).toHaveLength(1);
    // Progress was visible again while the run went on: appends after the last 429, before the end, one of them
    // carrying what piled up meanwhile (many frames' worth of text in one call).
    const lastLimited = Math.max(...h.slackFaults.answered.filter((c) => c.method === 'chat.appendStream').map((c) => c.at));
    const after = appends.filter((c) => c.at > lastLimited && c.at < stops[0]!.at);
    expect(after.length).toBeGreaterThan(0);
    expect(Math.max(...after.map((c) => chunkText(c.args).length))).toBeGreaterThan(5 * 40);
    expect(crashes.seen).toEqual([]);
  });

  it('chat.appendStream answers 429 past the client retries: the output is still whole and shown once', async () => {
    const fault = h.slackFaults.add({ method: 'chat.appendStream', answer: { status: 429, retryAfterSec: 0 }, times: 4 });
    const root = await runBlogPost(h, 'Appends refused');
    await rootShows(h, 'C_GENERAL', root.ts, 'Done');
    await sleep(200);
    expect(fault.used).toBe(4);
    expect(runsWith(h, 'Appends refused')).toHaveLength(1);
    expect(shownOutput(h, 'C_GENERAL', root.ts)).toBe(TEXT);
  });

  it('chat.stopStream answers 429 past the client retries: what was not streamed is posted after it, whole and once', async () => {
    const fault = h.slackFaults.add({ method: 'chat.stopStream', answer: { status: 429, retryAfterSec: 0 }, times: 4 });
    const root = await runBlogPost(h, 'Stop refused');
    await rootShows(h, 'C_GENERAL', root.ts, 'Done');
    await sleep(200);
    expect(fault.used).toBe(4);
    expect(shownOutput(h, 'C_GENERAL', root.ts)).toBe(TEXT);
    expect(crashes.seen).toEqual([]);
  });

});

describe('edits (the workspace refuses native streaming)', () => {
  freshBot({ slack: { streaming: 'feature_not_enabled' }, paceMs: 100 });
  beforeEach(() => {
    h.jasper.setOutputText(TEXT);
    h.jasper.setLatency({ timeToFirstTokenMs: 0, tokenIntervalMs: FAST_TOKENS_MS });
  });

  const isProgressEdit = (args: Record<string, unknown>) => String(args.text ?? '').startsWith('Working on');
  /** The output preview of a progress edit (the section that is not the step list), without its leading "…". */
  const previewOf = (args: Record<string, unknown>) =>
    (Array.isArray(args.blocks) ? (args.blocks as Array<{ type?: string; text?: { text?: string } }>) : [])
      .filter((b) => b.type === 'section' && b.text?.text && !b.text.text.startsWith(':'))
      .map((b) => b.text!.text!.replace(/^…/, ''))[0];
  /** How far into the output a progress edit shows; fails when its preview is not one piece of the output. */
  const reachOf = (args: Record<string, unknown>) => {
    const preview = previewOf(args) ?? '';
    const at = TEXT.indexOf(preview);
    expect(at, `a preview with a gap or foreign text: ${preview.slice(0, 80)}`).toBeGreaterThanOrEqual(0);
    return at + preview.length;
  };
  const isFinalEdit = (args: Record<string, unknown>) => String(args.text ?? '').endsWith(': finished');

  it('chat.update answers 429 (Retry-After: 1) for a while: progress catches up, the final output is posted exactly once', async () => {
    h.jasper.setLatency({ timeToFirstTokenMs: 0, tokenIntervalMs: SLOW_TOKENS_MS });
    const fault = h.slackFaults.add({ method: 'chat.update', when: isProgressEdit, answer: { status: 429, retryAfterSec: 1 }, times: 2 });
    const root = await runBlogPost(h, 'Edits limited');
    await rootShows(h, 'C_GENERAL', root.ts, 'Done');
    await sleep(200);

    expect(fault.used).toBe(2);
    expect(runsWith(h, 'Edits limited')).toHaveLength(1);
    const replies = h.slack.thread('C_GENERAL', root.ts).slice(1);
    const progress = replies[0]!;
    // The progress message caught up and was closed: its last edit is the finished state.
    expect(textOf(progress)).not.toContain('Working on');
    const edits = h.slack.callsTo('chat.update').filter((c) => c.args.ts === progress.ts && c.response.ok);
    expect(edits.length).toBeLessThan(FRAMES / 3);
    // Progress edits resumed after the last 429 while the run was still going (before the finished edit), and the
    // first of them caught up: it previews text that arrived while Slack refused, many frames past the refused edit.
    const limited = h.slackFaults.answered.filter((c) => c.method === 'chat.update');
    const lastLimited = Math.max(...limited.map((c) => c.at));
    const finished = edits.find((c) => isFinalEdit(c.args))!;
    const resumed = edits.filter((c) => isProgressEdit(c.args) && c.at > lastLimited && c.at < finished.at);
    // resumed[0] is the refused edit going through at last (the client's retry); the next one is the catch-up.
    expect(resumed.length).toBeGreaterThan(1);
    expect(reachOf(resumed[0]!.args)).toBe(reachOf(limited.at(-1)!.args));
    expect(reachOf(resumed[1]!.args)).toBeGreaterThan(reachOf(limited.at(-1)!.args) + 5 * 40);
    // Every preview is a whole piece of the output (nothing dropped in between), and it only moves forward.
    const reaches = edits.filter((c) => isProgressEdit(c.args) && previewOf(c.args) !== undefined).map((c) => reachOf(c.args));
    expect(reaches).toEqual([...reaches].sort((a, b) => a - b));
    // The output: posted once, whole, after the progress message.
    expect(shownOutput(h, 'C_GENERAL', root.ts)).toBe(TEXT);
    const posted = h.slack.callsTo('chat.postMessage').filter((c) => c.args.markdown_text !== undefined);
    expect(posted.map((c) => c.args.markdown_text).join('')).toBe(TEXT);
    expect(crashes.seen).toEqual([]);
  });

  it('the final chat.update answers 429 past the client retries: the output is still posted, once', async () => {
    const fault = h.slackFaults.add({ method: 'chat.update', when: isFinalEdit, answer: { status: 429, retryAfterSec: 0 }, times: 4 });
    const root = await runBlogPost(h, 'Final edit refused');
    await rootShows(h, 'C_GENERAL', root.ts, 'Done');
    await sleep(200);
    expect(fault.used).toBe(4);
    expect(shownOutput(h, 'C_GENERAL', root.ts)).toBe(TEXT);
  });

});
