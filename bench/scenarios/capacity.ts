/**
 * How many concurrent streaming runs one bot process holds: a ramp of runs (each in its own channel, so Slack's
 * per-channel limit is not what is measured), and at each level, once every run is streaming, a window in which the
 * bot process reports its event-loop lag (monitorEventLoopDelay), utilisation, CPU and memory. The bot talks to the
 * fakes directly here (no gate, no tap) so that the bench's own process does less.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LoopStats } from '../bot-protocol.js';
import type { BenchOptions } from '../options.js';
import { profiled } from '../profiling.js';
import { charsPerSecond } from '../options.js';
import { mapLimit, round, sleep } from '../stats.js';
import { runTag, type World } from '../world.js';

export interface CapacityLevel {
  /** Runs this level asked for. */
  target: number;
  /** Runs started (target minus start failures). */
  runs: number;
  /** Runs still streaming during the window (started minus finished). */
  streaming: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** Event-loop utilisation of the bot process in the window (1 = always busy). */
  elu: number;
  /** CPU of the bot process in the window, % of one core. */
  cpuPct: number;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  /** Bot CPU per streaming run: ms of CPU each run costs per second (contention-independent, unlike lag). */
  cpuMsPerRunSecond: number;
  /** Slack Web API calls per second the fake received in the window (all runs together). */
  slackCallsPerSec: number;
  /** Event-loop utilisation of the bench's own process (fakes + driver) in the window: near 1 means the load generator was the limit. */
  benchElu: number;
  /** Seconds it took to start this level's new runs (command + modal + submit each). */
  startS: number;
  startFailures: number;
  botWarnings: number;
  sampleWarnings: string[];
}

export interface CapacityResult {
  lagLimitMs: number;
  tokenIntervalMs: number;
  charsPerFrame: number;
  outputCharsPerRun: number;
  baselineRssMb: number;
  levels: CapacityLevel[];
  /** The most runs at which lag p99 stayed under the limit (of the levels tried). */
  maxRunsUnderLagLimit: number;
  allLevelsUnderLimit: boolean;
  rssAt100Mb?: number;
  rssAt1000Mb?: number;
  /** CPU one streaming run costs the bot process (ms per second), at the level with the most streaming runs. */
  cpuMsPerRunSecond: number;
  /** Streaming runs one core could hold at 70% utilisation at that cost (the lag limit is usually crossed above it). */
  projectedRunsPerCore: number;
}

export async function capacityScenario(world: World, o: BenchOptions, log: (line: string) => void): Promise<CapacityResult> {
  const c = o.capacity;
  const top = c.levels.at(-1) ?? 0;
  // Long enough that the first runs are still streaming at the last window.
  const estimatedS = c.levels.length * ((c.settleMs + c.windowMs) / 1000 + 3) + top / 40 + 30;
  const outputChars = Math.round(estimatedS * charsPerSecond(o));
  world.upstream(o.upstream, outputChars);
  const bot = await world.startBot({ direct: true, label: 'capacity' });
  const levels: CapacityLevel[] = [];
  const runs: Array<{ channel: string; user: string }> = [];
  try {
    await sleep(1_000);
    await bot.handle.reset();
    await sleep(1_000);
    const baseline = await bot.handle.stats();
    const streams = () => world.jasper.requestsTo('POST /tasks/:id/run/stream').length;
    const streamsBefore = streams();
    for (const level of c.levels) {
      const startedAt = performance.now();
      const fresh = Array.from({ length: Math.max(0, level - runs.length) }, (_, i) => runs.length + i);
      let startFailures = 0;
      await mapLimit(fresh, c.submitConcurrency, async (index) => {
        const user = `U${index + 1}`;
        const channel = world.newChannel('cap', user);
        try {
          const form = await bot.openForm(channel, user, 15_000);
          await bot.submit(form.viewId, user, runTag('cap', index));
          runs.push({ channel, user });
        } catch {
          startFailures += 1;
        }
      });
      const startS = (performance.now() - startedAt) / 1000;
      // Until every run streams, or no new stream has started for 3 s, or 10 s (runs held back before their upstream call).
      let seen = streams();
      let lastNewAt = performance.now();
      const until = performance.now() + (o.quick ? 5_000 : 10_000);
      while (streams() - streamsBefore < runs.length && performance.now() < until && performance.now() - lastNewAt < 3_000) {
        await sleep(100);
        if (streams() !== seen) {
          seen = streams();
          lastNewAt = performance.now();
        }
      }
      await sleep(c.settleMs);
      world.slack.clearCalls();
      const benchElu = performance.eventLoopUtilization();
      const { value: s } = await profiled(o, bot.handle, `capacity-${level}`, async (): Promise<LoopStats> => {
        await bot.handle.reset();
        await sleep(c.windowMs);
        return bot.handle.stats();
      });
      const calls = world.slack.calls.length;
      world.slack.clearCalls();
      const finished = runs.filter((r) => /Done|Failed|Cancelled/.test(world.slack.textOf(world.slack.roots(r.channel)[0]))).length;
      const row: CapacityLevel = {
        target: level,
        runs: runs.length,
        streaming: Math.min(runs.length, streams() - streamsBefore) - finished,
        lagP50Ms: round(s.lagP50Ms),
        lagP99Ms: round(s.lagP99Ms),
        lagMaxMs: round(s.lagMaxMs),
        elu: round(s.elu, 2),
        cpuPct: round((s.cpuMs / s.windowMs) * 100, 0),
        rssMb: round(s.rssMb, 0),
        heapUsedMb: round(s.heapUsedMb, 0),
        heapTotalMb: round(s.heapTotalMb, 0),
        externalMb: round(s.externalMb, 0),
        arrayBuffersMb: round(s.arrayBuffersMb, 0),
        cpuMsPerRunSecond: 0,
        slackCallsPerSec: round(calls / (s.windowMs / 1000), 0),
        benchElu: round(performance.eventLoopUtilization(benchElu).utilization, 2),
        startS: round(startS, 1),
        startFailures,
        botWarnings: s.warnings,
        sampleWarnings: s.sampleWarnings,
      };
      row.cpuMsPerRunSecond = round(s.cpuMs / (s.windowMs / 1000) / Math.max(1, row.streaming), 2);
      levels.push(row);
      if (o.heapSnapshot && level === top) {
        const dir = new URL('../profiles/', import.meta.url).pathname;
        mkdirSync(dir, { recursive: true });
        await bot.handle.snapshot(join(dir, `capacity-${level}.heapsnapshot`));
      }
      log(`  capacity ${row.runs} runs (${row.streaming} streaming): lag p99 ${row.lagP99Ms} ms, ELU ${row.elu}, RSS ${row.rssMb} MB, ${row.slackCallsPerSec} Slack calls/s, bench ELU ${row.benchElu}`);
    }
    const under = levels.filter((l) => l.lagP99Ms < c.lagLimitMs);
    const firstOver = levels.find((l) => l.lagP99Ms >= c.lagLimitMs);
    const maxUnder = under.filter((l) => !firstOver || l.target < firstOver.target).at(-1)?.streaming ?? 0;
    // Per-run cost from the busiest level that was not saturated (a saturated process starves its runs, so CPU per
    // run would read low).
    const unsaturated = levels.filter((l) => l.elu < 0.85);
    const busiest = [...(unsaturated.length > 0 ? unsaturated : levels.slice(0, 1))].sort((a, b) => b.streaming - a.streaming)[0];
    const perRun = busiest?.cpuMsPerRunSecond ?? Number.NaN;
    return {
      cpuMsPerRunSecond: perRun,
      projectedRunsPerCore: Number.isFinite(perRun) && perRun > 0 ? Math.round(700 / perRun) : 0,
      lagLimitMs: c.lagLimitMs,
      tokenIntervalMs: o.upstream.tokenIntervalMs,
      charsPerFrame: o.charsPerFrame,
      outputCharsPerRun: outputChars,
      baselineRssMb: round(baseline.rssMb, 0),
      levels,
      maxRunsUnderLagLimit: maxUnder,
      allLevelsUnderLimit: firstOver === undefined,
      ...rssAt(levels, 100, 'rssAt100Mb'),
      ...rssAt(levels, 1000, 'rssAt1000Mb'),
    };
  } finally {
    await bot.stop(false);
  }
}

function rssAt(levels: readonly CapacityLevel[], target: number, key: 'rssAt100Mb' | 'rssAt1000Mb'): Partial<CapacityResult> {
  const level = levels.find((l) => l.target === target);
  return level ? { [key]: level.rssMb } : {};
}
