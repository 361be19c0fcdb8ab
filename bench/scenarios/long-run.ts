/**
 * Slack Web API calls for one long streamed run, split by method: the bot (paced native stream) and the naive
 * renderer (one chat.update per upstream chunk) at the same time, same upstream, each in its own channel. Slack's
 * per-channel limit is off here, so each count is what the renderer asks for (no 429s, no retries).
 */
import { performance } from 'node:perf_hooks';
import type { BenchOptions } from '../options.js';
import { charsPerSecond } from '../options.js';
import { createNaiveRenderer } from '../naive-renderer.js';
import { round, summarise, type Summary } from '../stats.js';
import { methodTotals } from '../timeline.js';
import { runTag, type BotUnderTest, type World } from '../world.js';
import { latencies, startRun, waitForRuns } from './run-latency.js';

export interface RendererCalls {
  renderer: string;
  calls: number;
  byMethod: Record<string, number>;
  /** Calls / (first call .. last call) of the run. */
  callsPerSecond: number;
  durationS: number;
  firstChunkToVisibleTextMs: Summary;
  upstreamEndToFinalOutputMs: Summary;
  completed: boolean;
}

export interface LongRunResult {
  streamSeconds: number;
  outputChars: number;
  upstreamContentFrames: number;
  bot: RendererCalls;
  naive: RendererCalls;
  /** naive calls / bot calls. */
  savingRatio: number;
}

export async function longRunScenario(world: World, bot: BotUnderTest, o: BenchOptions): Promise<LongRunResult> {
  const outputChars = Math.round(o.longRun.seconds * charsPerSecond(o));
  world.upstream(o.upstream, outputChars);
  world.gate.clear();
  world.tap.clear();
  const saved = world.gate.limit;
  world.gate.limit = { ...saved, enabled: false };
  try {
    const naive = await createNaiveRenderer({ slackApiUrl: world.gate.apiUrl, token: world.slack.botToken, jasperBaseURL: world.tap.baseURL, jasperApiKey: world.jasper.apiKey, rejectRateLimited: false });
    const botUser = 'U300';
    const naiveUser = 'U301';
    const botChannel = world.newChannel('long', botUser);
    const naiveChannel = world.newChannel('longnaive', naiveUser);
    const botTag = runTag('long', 0);
    const naiveTag = runTag('longnaive', 0);
    const naiveStartedAt = performance.now();
    const [botRun, naiveRun] = await Promise.all([
      startRun(world, bot, botChannel, botUser, botTag),
      naive.run({ channel: naiveChannel, user: naiveUser, tag: naiveTag }),
    ]);
    const runs = await waitForRuns(world, [botRun, { tag: naiveTag, channel: naiveChannel, user: naiveUser, submittedAt: naiveStartedAt, submitAckMs: 0 }], o.longRun.seconds * 1000 + 30_000);
    const summary = (renderer: string, tag: string, started: typeof botRun): RendererCalls => {
      const run = runs.get(tag);
      const calls = run?.calls.length ?? 0;
      const durationS = run?.firstCallAt !== undefined && run.lastCallAt !== undefined ? (run.lastCallAt - run.firstCallAt) / 1000 : Number.NaN;
      const l = latencies([started], runs);
      return {
        renderer,
        calls,
        byMethod: run ? methodTotals([run]) : {},
        callsPerSecond: round(calls / durationS, 2),
        durationS: round(durationS, 1),
        firstChunkToVisibleTextMs: l.firstChunkToVisibleTextMs,
        upstreamEndToFinalOutputMs: l.upstreamEndToFinalOutputMs,
        completed: run?.doneAt !== undefined,
      };
    };
    const botCalls = summary('bot (paced native stream)', botTag, botRun);
    const naiveCalls = summary('naive (chat.update per chunk)', naiveTag, { tag: naiveTag, channel: naiveChannel, user: naiveUser, submittedAt: naiveStartedAt, submitAckMs: 0 });
    void naiveRun;
    return {
      streamSeconds: o.longRun.seconds,
      outputChars,
      upstreamContentFrames: world.tap.byTag(botTag)?.contentFrames ?? 0,
      bot: botCalls,
      naive: naiveCalls,
      savingRatio: round(naiveCalls.calls / Math.max(1, botCalls.calls), 1),
    };
  } finally {
    world.gate.limit = saved;
  }
}
