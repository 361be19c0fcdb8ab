/**
 * A run's latencies as a user sees them: submit -> first message in the thread; the upstream's first content frame ->
 * first visible output text in Slack (a startStream/appendStream/update/post carrying it); the upstream's end -> the
 * final output posted. Runs are staggered, each in its own channel, with Slack's per-channel limit on.
 */
import type { BenchOptions } from '../options.js';
import { sleep, summarise, waitUntil, type Summary } from '../stats.js';
import { timelines, type RunTimeline } from '../timeline.js';
import { runTag, type BotUnderTest, type World } from '../world.js';

export interface RunLatencyResult {
  runs: number;
  completed: number;
  outputChars: number;
  submitToFirstThreadMessageMs: Summary;
  /** Of which: submit -> the bot asking the upstream to run (the rest is the upstream opening its stream). */
  submitToUpstreamRequestMs: Summary;
  firstChunkToVisibleTextMs: Summary;
  upstreamEndToFinalOutputMs: Summary;
  upstreamEndToRootDoneMs: Summary;
  submitAckMs: Summary;
  slack429: number;
  /** Each run as Slack and the upstream saw it, in ms after its submit: [method, ms, HTTP status, 429 rule]. */
  detail: RunDetail[];
}

export interface RunDetail {
  tag: string;
  upstream?: { requestMs: number; headersMs?: number; firstContentMs?: number; endMs?: number };
  calls: Array<[string, number, number, string?]>;
}

export interface SubmittedRun {
  tag: string;
  channel: string;
  user: string;
  submittedAt: number;
  submitAckMs: number;
}

export async function runLatencyScenario(world: World, bot: BotUnderTest, o: BenchOptions): Promise<RunLatencyResult> {
  world.upstream(o.upstream, o.latency.outputChars);
  world.gate.clear();
  world.tap.clear();
  const started = await Promise.all(
    Array.from({ length: o.latency.runs }, async (_, i) => {
      await sleep(i * o.latency.staggerMs);
      const user = `U${200 + i}`;
      const channel = world.newChannel('lat', user);
      return startRun(world, bot, channel, user, runTag('lat', i));
    }),
  );
  const expectedMs = o.upstream.runStartMs + o.upstream.timeToFirstTokenMs + (o.latency.outputChars / o.charsPerFrame) * o.upstream.tokenIntervalMs;
  const runs = await waitForRuns(world, started, expectedMs + 20_000);
  return {
    runs: started.length,
    completed: [...runs.values()].filter((r) => r.doneAt !== undefined).length,
    outputChars: o.latency.outputChars,
    ...latencies(started, runs),
    submitAckMs: summarise(started.map((s) => s.submitAckMs)),
    slack429: world.gate.calls.filter((c) => c.limited).length,
    detail: details(started, runs),
  };
}

export function details(started: readonly SubmittedRun[], runs: Map<string, RunTimeline>): RunDetail[] {
  const rel = (t: number | undefined, from: number) => (t === undefined ? undefined : Math.round(t - from));
  return started.map((s) => {
    const run = runs.get(s.tag);
    const up = run?.upstream;
    return {
      tag: s.tag,
      ...(up
        ? { upstream: { requestMs: Math.round(up.at - s.submittedAt), headersMs: rel(up.headersAt, s.submittedAt), firstContentMs: rel(up.firstContentAt, s.submittedAt), endMs: rel(up.endAt, s.submittedAt) } }
        : {}),
      calls: (run?.calls ?? []).map((c): [string, number, number, string?] => (c.limitedBy ? [c.method, Math.round(c.at - s.submittedAt), c.status, c.limitedBy] : [c.method, Math.round(c.at - s.submittedAt), c.status])),
    };
  });
}

export async function startRun(world: World, bot: BotUnderTest, channel: string, user: string, tag: string): Promise<SubmittedRun> {
  const form = await bot.openForm(channel, user);
  const submitted = await bot.submit(form.viewId, user, tag);
  return { tag, channel, user, submittedAt: submitted.sentAt, submitAckMs: submitted.ackMs };
}

/** Waits until every run's root says Done (or the deadline passes), then rebuilds their timelines. */
export async function waitForRuns(world: World, runs: readonly SubmittedRun[], timeoutMs: number): Promise<Map<string, RunTimeline>> {
  const tags = runs.map((r) => r.tag);
  const rebuild = () => timelines(tags, world.gate.calls, (tag) => world.tap.byTag(tag));
  try {
    await waitUntil(
      'the runs to finish',
      () => {
        const t = rebuild();
        return tags.every((tag) => t.get(tag)?.doneAt !== undefined) || undefined;
      },
      timeoutMs,
      250,
    );
  } catch {
    // Reported as fewer completed runs.
  }
  await sleep(300);
  return rebuild();
}

export function latencies(started: readonly SubmittedRun[], runs: Map<string, RunTimeline>) {
  const firstMsg: number[] = [];
  const toUpstream: number[] = [];
  const visible: number[] = [];
  const final: number[] = [];
  const done: number[] = [];
  for (const s of started) {
    const run = runs.get(s.tag);
    if (!run) continue;
    const up = run.upstream;
    if (run.firstThreadMessageAt !== undefined) firstMsg.push(run.firstThreadMessageAt - s.submittedAt);
    if (up) toUpstream.push(up.at - s.submittedAt);
    if (up?.firstContentAt !== undefined && run.firstVisibleTextAt !== undefined) visible.push(run.firstVisibleTextAt - up.firstContentAt);
    if (up?.endAt !== undefined && run.finalAt !== undefined) final.push(run.finalAt - up.endAt);
    if (up?.endAt !== undefined && run.doneAt !== undefined) done.push(run.doneAt - up.endAt);
  }
  return {
    submitToFirstThreadMessageMs: summarise(firstMsg),
    submitToUpstreamRequestMs: summarise(toUpstream),
    firstChunkToVisibleTextMs: summarise(visible),
    upstreamEndToFinalOutputMs: summarise(final),
    upstreamEndToRootDoneMs: summarise(done),
  };
}
