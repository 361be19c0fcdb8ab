/**
 * `npm run bench [-- --quick]`: the bot in HTTP mode between the test fakes on 127.0.0.1, driven by signed Slack
 * requests. Prints a table (figures against the targets of issue 5, met / missed) and writes bench/results.json.
 * Figures are reported, never asserted: the exit code is 0 unless the bench itself failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HELP, parseOptions, type BenchOptions } from './options.js';
import { capacityTable, formatTable, targetRows, type Results } from './report.js';
import { ackScenario } from './scenarios/ack.js';
import { capacityScenario } from './scenarios/capacity.js';
import { longRunScenario } from './scenarios/long-run.js';
import { oneChannelScenario } from './scenarios/one-channel.js';
import { replicasScenario } from './scenarios/replicas.js';
import { runLatencyScenario } from './scenarios/run-latency.js';
import { coldViewsOpen, viewsOpenScenario } from './scenarios/views-open.js';
import { sseMicroIn } from './sse-micro.js';
import { startWorld, type BotUnderTest, type World } from './world.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  let options: BenchOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const o = options;
  const began = performance.now();
  // Bounded whatever happens: a stuck scenario ends the bench. The replicas scenario has deadlines of its own.
  const replicasMs = wantsReplicas(o) ? o.replicas.counts.length * (o.replicas.deadlineS + 60) * 1000 : 0;
  const deadlineMs = (o.quick ? 150_000 : 600_000) + replicasMs;
  const watchdog = setTimeout(() => {
    log(`bench: gave up after ${deadlineMs / 1000} s`);
    process.exit(3);
  }, deadlineMs);
  watchdog.unref();

  log(`bench: ${o.quick ? 'quick' : 'full'} run, bot ${o.inProcess ? 'in-process' : `in a forked process (${o.runtime})`}, ${o.store} store, Slack per-channel limit ${o.channelLimit.perSecond}/s burst ${o.channelLimit.burst} (${o.channelLimit.counts}), tiers ${o.channelLimit.tiers ? 'on' : 'off'}`);
  const results: Results = { errors: {} };
  const loadBefore = loadavg();
  const world = await startWorld(o);
  try {
    await scenarios(world, o, results);
  } finally {
    await world.close();
  }

  const rows = targetRows(results, o.quick);
  const elapsedS = Math.round((performance.now() - began) / 100) / 10;
  const document = {
    generatedAt: new Date().toISOString(),
    mode: o.quick ? 'quick' : 'full',
    elapsedS,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? '',
      totalMemMb: Math.round(totalmem() / 2 ** 20),
      node: process.version,
      platform: process.platform,
      /** 1-minute load average before and after: above the core count, other processes shared the CPUs. */
      loadBefore: loadBefore.map((l) => Math.round(l * 100) / 100),
      loadAfter: loadavg().map((l) => Math.round(l * 100) / 100),
    },
    source: o.srcRev ? { commit: o.srcRev, dirty: [], note: 'src/ compiled from this revision (--src-rev)' } : sourceState(),
    setup: {
      bot: o.inProcess ? 'in-process' : `forked process (lag, CPU and RSS are the bot process alone), ${o.runtime}`,
      store: o.store,
      pacing: 'bot defaults (1 write/s per run, SDK retry policy)',
      slackPerChannelLimit: o.channelLimit,
      upstream: { ...o.upstream, charsPerFrame: o.charsPerFrame },
      catalogueRefreshSeconds: o.catalogueRefreshSeconds,
    },
    targets: rows,
    results,
  };
  mkdirSync(dirname(o.outFile), { recursive: true });
  writeFileSync(o.outFile, `${JSON.stringify(document, null, 2)}\n`);

  const out: string[] = [];
  out.push(`Benchmark (${o.quick ? '--quick: smaller counts, shorter runs' : 'full'}), ${elapsedS} s, ${cpus().length} cores, Node ${process.version}`);
  out.push(`bot: ${o.inProcess ? 'in-process' : `forked process, ${o.runtime === 'compiled' ? 'compiled JS (as the Docker image)' : 'tsx'}`}, ${o.store} store, production pacing and retry defaults`);
  out.push(`upstream: run start ${o.upstream.runStartMs} ms, first token ${o.upstream.timeToFirstTokenMs} ms, ${o.charsPerFrame} chars every ${o.upstream.tokenIntervalMs} ms`);
  out.push(`fake Slack limits: ${o.channelLimit.perSecond}/s per channel with burst ${o.channelLimit.burst} (${o.channelLimit.counts === 'writes' ? 'every chat write counts' : 'chat.postMessage'}); method tiers ${o.channelLimit.tiers ? 'on (Tier 2 20/min, Tier 3 50/min, Tier 4 100/min, a minute’s worth of burst)' : 'off'}`);
  const busy = Math.max(loadBefore[0] ?? 0, loadavg()[0] ?? 0);
  if (busy > cpus().length) out.push(`NOTE: load average ${busy.toFixed(1)} on ${cpus().length} cores: other processes competed for the CPUs; timings are pessimistic.`);
  const src = o.srcRev ? { commit: `${o.srcRev} (--src-rev)`, dirty: [] } : sourceState();
  out.push(`source: ${src.commit}${src.dirty.length ? ` + uncommitted changes in ${src.dirty.length} src file(s)` : ''}`);
  out.push('');
  out.push(formatTable(rows));
  if (results.capacity) {
    out.push('');
    out.push('Capacity ramp (bot process: event-loop lag ms, utilisation, memory; bench ELU near 1 = the load generator was the limit):');
    out.push(capacityTable(results.capacity));
  }
  out.push('');
  out.push(`Written: ${o.outFile}`);
  process.stdout.write(`${out.join('\n')}\n`);
  clearTimeout(watchdog);
  return Object.keys(results.errors).length > 0 ? 1 : 0;
}

async function scenarios(world: World, o: BenchOptions, results: Results): Promise<void> {
  const step = async (name: string, work: () => Promise<void>) => {
    const t = performance.now();
    log(`bench: ${name}…`);
    try {
      await work();
    } catch (error) {
      results.errors[name] = error instanceof Error ? error.message : String(error);
      log(`bench: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    log(`bench: ${name} took ${Math.round(performance.now() - t) / 1000} s`);
  };

  // A fresh bot per scenario: a 429 storm in one (the Slack SDK pauses a client's whole queue on a 429 and retries for
  // up to 30 minutes) must not spill into the figures of the next.
  const withBot = (name: string, work: (bot: BotUnderTest, startedAt: number) => Promise<void>) =>
    step(name, async () => {
      world.upstream(o.upstream, 2_000);
      const startedAt = performance.now();
      const bot = await world.startBot({ label: name });
      try {
        await work(bot, startedAt);
      } finally {
        await bot.stop(false);
      }
    });

  const want = (scenario: string) => !o.only || o.only.includes(scenario);

  // The views.open bot starts now and idles through the first scenarios, so that its cached task list is close to
  // stale (CATALOGUE_REFRESH_SECONDS, at least 10 s) when its second case needs a refresh in flight.
  world.upstream(o.upstream, 2_000);
  const viewsBot = want('views-open') ? await world.startBot({ label: 'views.open' }) : undefined;
  const viewsBotReadyAt = performance.now();
  try {
    if (want('ack')) {
      await withBot('ack latency', async (bot) => {
        results.ack = await ackScenario(world, bot, o);
      });
    }
    if (want('latency')) {
      await withBot('run latency', async (bot) => {
        results.runLatency = await runLatencyScenario(world, bot, o);
      });
    }
    if (viewsBot) {
      await step('command → views.open', async () => {
        world.upstream(o.upstream, 2_000);
        results.viewsOpen = await viewsOpenScenario(world, viewsBot, o, viewsBotReadyAt);
      });
    }
  } finally {
    await viewsBot?.stop(false);
  }
  if (want('long-run')) {
    await withBot('calls per run (bot vs naive)', async (bot) => {
      results.longRun = await longRunScenario(world, bot, o);
    });
  }
  if (want('one-channel')) {
    await withBot('20 runs in one channel', async (bot) => {
      results.oneChannel = await oneChannelScenario(world, bot, o);
    });
  }
  if (o.viewsOpen.cold && want('cold')) {
    await step('cold views.open', async () => {
      results.viewsOpen = [...(results.viewsOpen ?? []), await coldViewsOpen(world, o)];
    });
  }
  if (want('capacity')) {
    await step('capacity', async () => {
      results.capacity = await capacityScenario(world, o, log);
    });
  }
  if (wantsReplicas(o)) {
    await step('one replica vs three', async () => {
      results.replicas = await replicasScenario(o, log);
    });
  }
  const compiled = world.compiledEntry;
  if (!o.quick && compiled && want('frame-cost')) {
    await step('upstream frame cost', async () => {
      results.frameCost = await sseMicroIn(compiled.replace(/bot-child\.js$/, 'sse-micro.js'));
    });
  }
}

/** The replicas scenario takes about 40 s even with --quick's counts: in the full run, or when asked for with --only. */
function wantsReplicas(o: BenchOptions): boolean {
  return o.only ? o.only.includes('replicas') : !o.quick;
}

/** The commit measured, and src files that differ from it (the bench measures the working tree). */
function sourceState(): { commit: string; dirty: string[] } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: [] };
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`bench crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
