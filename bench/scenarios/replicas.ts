/**
 * The same runs on one replica, then on three: real bot processes (`src/main.ts` under tsx, as `npm start` runs it) on
 * one Redis prefix (test/support/replicas.ts), behind a fresh Slack gate with Slack's per-channel limit and the method
 * tiers scaled by `rateScale` (the bots get the same factor as SLACK_RATE_SCALE). At Slack's published Tier 2
 * (20 chat.startStream a minute per workspace) 300 streamed runs take 15 minutes whatever the replica count, so the
 * comparison is made at a budget Slack grants some apps: ×100 by default, since at ×20 (400 a minute, 6.7 runs/s)
 * one replica already reaches the budget and three cannot do more. Requests go to the replicas round-robin, as a load balancer
 * spreads them: each run's slash command to one replica, its form submission to the next.
 */
import { performance } from 'node:perf_hooks';
import { startReplicas, type Replicas } from '../../test/support/replicas.js';
import { METHOD_TIERS } from '../../test/support/slack-gate.js';
import { rateWindow } from '../../src/slack/thread/pacing/rate-window.js';
import { WRITE_RATES } from '../../src/slack/thread/pacing/write-rates.js';
import type { ChannelSpec, UserSpec } from '../../test/fakes/fake-slack.js';
import type { BenchOptions } from '../options.js';
import { channelRates, limitedBy, sessionsWorkedOn, type ChannelRates } from '../replica-figures.js';
import { mapLimit, round, summarise, waitUntil, type Summary } from '../stats.js';
import { timelines } from '../timeline.js';
import { benchOutput, runTag, TOPIC_FIELD } from '../world.js';

export interface ReplicaRunResult {
  replicas: number;
  runs: number;
  channels: number;
  /** Runs whose root said Done before the deadline. */
  completed: number;
  /** First submit -> the last root saying Done (or the deadline). */
  wallS: number;
  runsPerSecond: number;
  submitToDoneS: Summary;
  slackPerChannel: ChannelRates;
  slackCalls: number;
  slack429: number;
  slack429By: Record<string, number>;
  /** Distinct sessions each replica's log says it worked on. */
  workedOn: number[];
  /** Runs whose thread shows the whole output exactly once. */
  outputsWhole: number;
  deadlineS: number;
}

export interface ReplicasResult {
  rateScale: number;
  outputChars: number;
  configurations: ReplicaRunResult[];
  /** Runs per second on three replicas / on one. */
  throughputRatio: number;
  /**
   * What Slack's budget for the whole workspace allows whatever the replica count: every streamed run makes one
   * chat.startStream and one chat.stopStream (Tier 2), so at most tier2PerMinute / 60 runs a second (tiers on).
   */
  slackBound?: { tier2PerMinute: number; maxRunsPerSecond: number; minWallS: number };
  /** The bot paces each channel's chat.postMessage (one root per run): a channel's roots span at least this long. */
  channelRootsSpanS: number;
}

export async function replicasScenario(o: BenchOptions, log: (line: string) => void): Promise<ReplicasResult> {
  const configurations: ReplicaRunResult[] = [];
  for (const count of o.replicas.counts) {
    const result = await measure(count, o);
    log(`bench:   ${count} replica(s): ${result.completed}/${result.runs} done in ${result.wallS} s, ${result.runsPerSecond} runs/s, ${result.slack429} × 429`);
    configurations.push(result);
  }
  const first = configurations[0];
  const last = configurations.at(-1);
  const tier2PerMinute = (METHOD_TIERS['chat.startStream'] ?? 20) * o.replicas.rateScale;
  const posts = WRITE_RATES['chat.postMessage'];
  const postWindow = posts ? rateWindow(posts) : { points: 1, windowMs: 1_000 };
  const runsPerChannel = Math.ceil(o.replicas.runs / o.replicas.channels);
  return {
    rateScale: o.replicas.rateScale,
    outputChars: o.replicas.outputChars,
    configurations,
    throughputRatio: first && last ? round(last.runsPerSecond / first.runsPerSecond, 2) : Number.NaN,
    channelRootsSpanS: round(((runsPerChannel - 1) * postWindow.windowMs) / postWindow.points / 1000, 1),
    ...(o.channelLimit.tiers ? { slackBound: { tier2PerMinute, maxRunsPerSecond: round(tier2PerMinute / 60, 2), minWallS: round((o.replicas.runs * 60) / tier2PerMinute, 1) } } : {}),
  };
}

async function measure(count: number, o: BenchOptions): Promise<ReplicaRunResult> {
  const c = o.replicas;
  const channels = Array.from({ length: c.channels }, (_, i) => `C_REPL${String(i).padStart(2, '0')}`);
  const runs = Array.from({ length: c.runs }, (_, i) => ({ user: `U${1000 + i}`, channel: channels[i % channels.length]!, tag: runTag(`repl${count}r`, i) }));
  const users: Record<string, UserSpec> = {};
  for (const run of runs) users[run.user] = { name: run.user.toLowerCase(), realName: `Bench ${run.user}`, tz: 'Europe/London' };
  const channelSpecs: Record<string, ChannelSpec> = {};
  for (const channel of channels) channelSpecs[channel] = { name: channel.toLowerCase(), isMember: true, members: runs.filter((r) => r.channel === channel).map((r) => r.user) };

  // Production settings otherwise (RUN_CONCURRENCY 50 per replica, pacing, retries).
  const r = await startReplicas(
    Array.from({ length: count }, () => ({})),
    {
      slack: { users, channels: channelSpecs },
      jasper: { outputText: benchOutput(c.outputChars), latency: o.upstream },
      limit: { ...o.channelLimit, enabled: true, tierScale: c.rateScale },
      env: { SLACK_RATE_SCALE: String(c.rateScale) },
    },
  );
  try {
    // Every form first (not timed), then every submit: the wall time is the runs', not the form opening's.
    const forms = await mapLimit(runs, 10, (run, i) => openForm(r, i, run.channel, run.user));
    const submitted = await mapLimit(runs, c.submitConcurrency, async (run, i) => {
      const sentAt = performance.now();
      const result = await r.via(i + 1).submitView({ viewId: forms[i]!.viewId, userId: run.user, values: { [forms[i]!.topicBlock]: run.tag } });
      if (!result.sent || result.outcome.kind !== 'closed') throw new Error(`bench: submitting run ${i} gave ${JSON.stringify(result).slice(0, 200)}`);
      return sentAt;
    });
    const tags = runs.map((run) => run.tag);
    const rebuild = () => timelines(tags, r.gate.calls, () => undefined);
    await waitUntil('every run to say Done', () => [...rebuild().values()].filter((t) => t.doneAt !== undefined).length === runs.length || undefined, c.deadlineS * 1000, 250).catch(() => undefined);
    const t = rebuild();
    const done = runs.flatMap((run, i) => {
      const at = t.get(run.tag)?.doneAt;
      return at === undefined ? [] : [{ at, ms: at - submitted[i]! }];
    });
    const firstSubmit = Math.min(...submitted);
    const end = done.length === runs.length ? Math.max(...done.map((d) => d.at)) : performance.now();
    const wallS = (end - firstSubmit) / 1000;
    const expected = benchOutput(c.outputChars);
    const outputsWhole = runs.filter((run) => {
      const rootTs = t.get(run.tag)?.rootTs;
      const thread = rootTs ? r.slack.thread(run.channel, rootTs).slice(1) : [];
      return thread.map((m) => (m.stream ? m.stream.markdown : (m.markdown_text ?? ''))).join('') === expected;
    }).length;
    return {
      replicas: count,
      runs: runs.length,
      channels: channels.length,
      completed: done.length,
      wallS: round(wallS, 1),
      runsPerSecond: round(done.length / wallS, 2),
      submitToDoneS: summarise(done.map((d) => d.ms / 1000)),
      slackPerChannel: channelRates(r.gate.calls, channels),
      slackCalls: r.gate.calls.length,
      slack429: r.gate.calls.filter((call) => call.limited).length,
      slack429By: limitedBy(r.gate.calls),
      workedOn: sessionsWorkedOn(r.bots.map((b) => b.output.join(''))),
      outputsWhole,
      deadlineS: c.deadlineS,
    };
  } finally {
    // Kills the processes, closes the fakes and the gate, deletes the prefix's Redis keys.
    await r.close();
  }
}

/** `/jasper run blog-post` through replica `i` (round-robin); the form Slack opened for `user`. */
async function openForm(r: Replicas, i: number, channel: string, user: string): Promise<{ viewId: string; topicBlock: string }> {
  const answer = await r.via(i).slashCommand({ text: 'run blog-post', userId: user, channelId: channel });
  if (answer.status !== 200) throw new Error(`bench: /jasper run answered HTTP ${answer.status}`);
  const view = await waitUntil(`the modal for ${user}`, () => r.slack.openModals(user).at(-1)?.view, 10_000, 5);
  const block = view.blocks.find((b) => typeof b.block_id === 'string' && b.block_id.endsWith(`:${TOPIC_FIELD.id}`))?.block_id;
  if (typeof block !== 'string') throw new Error('bench: the Blog Post modal has no Topic input');
  return { viewId: view.id, topicBlock: block };
}
