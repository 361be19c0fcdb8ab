/**
 * 20 runs streaming into one channel with Slack's per-channel limit on: 429s the bot receives, whether every output
 * still arrives whole and once, and how long the runs take. The naive renderer does the same in another channel
 * (its 429s are counted, not retried). Meanwhile a probe user runs `/jasper run blog-post` in a quiet channel every
 * 500 ms: its command -> views.open time shows whether one busy channel slows the whole bot.
 */
import { performance } from 'node:perf_hooks';
import type { BenchOptions } from '../options.js';
import { charsPerSecond } from '../options.js';
import { createNaiveRenderer } from '../naive-renderer.js';
import { mapLimit, round, sleep, summarise, waitUntil, type Summary } from '../stats.js';
import { methodTotals } from '../timeline.js';
import { benchOutput, runTag, type BotUnderTest, type World } from '../world.js';
import { latencies, waitForRuns } from './run-latency.js';

export interface OneChannelResult {
  runs: number;
  streamSeconds: number;
  bot: {
    slack429: number;
    /** The 429s by rule (`channel` or `tier`) and method. */
    slack429By: Record<string, number>;
    calls: number;
    byMethod: Record<string, number>;
    /** Runs whose root said Done within the time allowed. */
    completed: number;
    /** Runs whose whole output is in their thread exactly once. */
    outputsWhole: number;
    outputsDoubled: number;
    /** Submit -> root Done. */
    runDurationS: Summary;
    firstChunkToVisibleTextMs: Summary;
    upstreamEndToFinalOutputMs: Summary;
    writesPerSecondIntoChannel: number;
  };
  /** The naive renderer's calls into its channel, the 429s among them, and its updates refused. */
  naive: { slack429: number; calls: number; rejected: number; updates: number };
  /** Command -> views.open for a user in another channel while this goes on. */
  probeViewsOpenMs: Summary;
  probeFailures: number;
  timeAllowedS: number;
}

export async function oneChannelScenario(world: World, bot: BotUnderTest, o: BenchOptions): Promise<OneChannelResult> {
  const c = o.oneChannel;
  const outputChars = Math.round(c.seconds * charsPerSecond(o));
  world.upstream(o.upstream, outputChars);
  world.gate.clear();
  world.tap.clear();
  const users = Array.from({ length: c.runs }, (_, i) => `U${400 + i}`);
  const channel = world.newChannel('one', users[0]!);
  const naiveChannel = world.newChannel('onenaive', users[0]!);
  const naive = await createNaiveRenderer({ slackApiUrl: world.gate.apiUrl, token: world.slack.botToken, jasperBaseURL: world.tap.baseURL, jasperApiKey: world.jasper.apiKey, rejectRateLimited: true });

  // Open every form first, then submit them together: the runs start within a few milliseconds of each other.
  const forms = await mapLimit(users, 10, (user) => bot.openForm(channel, user));
  const t0 = performance.now();
  const timeAllowedS = c.seconds + c.graceSeconds;
  let probing = true;
  const probe = runProbe(world, bot, () => probing, c.probeEveryMs);
  const stopNaive = new AbortController();
  const naiveRuns = Promise.all(
    users.map((user, i) => naive.run({ channel: naiveChannel, user, tag: runTag('onenaive', i), signal: stopNaive.signal }).catch(() => ({ updates: 0, rejected: 0, ok: false }))),
  );
  const started = await Promise.all(
    users.map(async (user, i) => {
      const tag = runTag('one', i);
      const submitted = await bot.submit(forms[i]!.viewId, user, tag);
      return { tag, channel, user, submittedAt: submitted.sentAt, submitAckMs: submitted.ackMs };
    }),
  );
  const runs = await waitForRuns(world, started, timeAllowedS * 1000);
  probing = false;
  const naiveResults = await Promise.race([naiveRuns, sleep(5_000).then(() => [])]);
  stopNaive.abort();
  const probeResult = await probe;

  const botRuns = started.map((s) => runs.get(s.tag)).filter((r) => r !== undefined);
  const expected = benchOutput(outputChars);
  let whole = 0;
  let doubled = 0;
  for (const run of botRuns) {
    if (!run.rootTs) continue;
    const thread = world.slack.thread(channel, run.rootTs).slice(1);
    const shown = thread.map((m) => (m.stream ? m.stream.markdown : (m.markdown_text ?? ''))).join('');
    if (shown === expected) whole += 1;
    else if (shown.length > expected.length && shown.includes(expected)) doubled += 1;
  }
  const naiveCalls = world.gate.calls.filter((call) => call.channel === naiveChannel);
  const channelWrites = world.gate.calls.filter((call) => call.channel === channel && !call.limited && call.ok);
  const span = channelWrites.length > 1 ? (channelWrites.at(-1)!.at - channelWrites[0]!.at) / 1000 : Number.NaN;
  const l = latencies(started, runs);
  return {
    runs: c.runs,
    streamSeconds: c.seconds,
    bot: {
      slack429: world.gate.calls.filter((call) => call.channel === channel && call.limited).length,
      slack429By: tally(world.gate.calls.filter((call) => call.channel === channel && call.limited).map((call) => `${call.limitedBy ?? '?'} ${call.method}`)),
      calls: botRuns.reduce((n, r) => n + r.calls.length, 0),
      byMethod: methodTotals(botRuns),
      completed: botRuns.filter((r) => r.doneAt !== undefined).length,
      outputsWhole: whole,
      outputsDoubled: doubled,
      runDurationS: summarise(started.flatMap((s) => {
        const done = runs.get(s.tag)?.doneAt;
        return done === undefined ? [] : [(done - s.submittedAt) / 1000];
      })),
      firstChunkToVisibleTextMs: l.firstChunkToVisibleTextMs,
      upstreamEndToFinalOutputMs: l.upstreamEndToFinalOutputMs,
      writesPerSecondIntoChannel: round(channelWrites.length / span, 2),
    },
    naive: {
      slack429: naiveCalls.filter((call) => call.limited).length,
      calls: naiveCalls.length,
      rejected: naiveResults.reduce((n, r) => n + r.rejected, 0),
      updates: naiveResults.reduce((n, r) => n + r.updates, 0),
    },
    probeViewsOpenMs: summarise(probeResult.ms),
    probeFailures: probeResult.failures,
    timeAllowedS: round((performance.now() - t0) / 1000, 1),
  };
}

async function runProbe(world: World, bot: BotUnderTest, going: () => boolean, everyMs: number): Promise<{ ms: number[]; failures: number }> {
  const ms: number[] = [];
  let failures = 0;
  const quiet = world.newChannel('probe', 'U399');
  while (going()) {
    const sentAt = performance.now();
    try {
      const answer = await bot.driver.slashCommand({ text: 'run blog-post', userId: 'U399', channelId: quiet });
      const call = await waitUntil('probe views.open', () => world.gate.calls.find((c) => c.method === 'views.open' && c.triggerId === answer.triggerId && c.status !== 0), 10_000, 5);
      ms.push(call.at - sentAt);
      if (!call.ok) failures += 1;
    } catch {
      failures += 1;
    }
    await sleep(Math.max(0, everyMs - (performance.now() - sentAt)));
  }
  return { ms, failures };
}

function tally(keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}
