/** Slash-command ack latency (the HTTP answer to a signed request) with 1, 10 and 100 commands in flight at once. */
import type { BenchOptions } from '../options.js';
import { profiled } from '../profiling.js';
import { round, sleep, summarise, type Summary } from '../stats.js';
import type { BotUnderTest, World } from '../world.js';

export interface AckResult {
  command: string;
  concurrency: number;
  /** 'burst': every command of a round sent at once; 'spread': the same number sent evenly over one second. */
  arrival: 'burst' | 'spread';
  ackMs: Summary;
  /** The same requests timed inside the bot process (headers parsed -> answer finished): no client or network share. */
  serverP50Ms: number;
  serverP99Ms: number;
  /** Event-loop utilisation and lag p99 of the bot process over the level. */
  botElu: number;
  botLagP99Ms: number;
  /** Bot CPU per command (before and after the ack: parsing, verifying, the listener, views.open or the reply). */
  botCpuMsPerCommand: number;
  /** 429s the bot got from Slack during the level (views.open beyond its tier after hundreds of commands). */
  slack429: number;
  /** views.open calls in the level by outcome: ok, or Slack's error (ratelimited, expired_trigger_id...). */
  viewsOpen: Record<string, number>;
  /** Answers that were not HTTP 200, or took Slack's 3 s. */
  failures: number;
}

export async function ackScenario(world: World, bot: BotUnderTest, o: BenchOptions): Promise<AckResult[]> {
  const results: AckResult[] = [];
  world.gate.clear();
  for (const text of o.ack.commands) {
    await burst(bot, text, o.ack.warmup, 1);
    for (const concurrency of o.ack.levels) {
      const samples: number[] = [];
      let failures = 0;
      const rounds = Math.max(1, Math.ceil((o.ack.samples[concurrency] ?? 50) / concurrency));
      const name = `ack-${text.replace(/\s+/g, '-')}-${concurrency}`;
      const top = concurrency === Math.max(...o.ack.levels);
      await profiled(top ? o : { ...o, profileDir: undefined }, bot.handle, name, async () => {
        await bot.handle.reset();
        for (let r = 0; r < rounds; r++) {
          const round = await burst(bot, text, concurrency, r);
          samples.push(...round.ms);
          failures += round.failures;
          // Let the work after the ack (the response_url answer, views.open) finish before the next round.
          await sleep(concurrency >= 100 ? 250 : 40);
        }
      });
      const s = await bot.handle.stats();
      const limited = world.gate.calls.filter((c) => c.limited).length;
      const viewsOpen = outcomes(world);
      world.gate.clear();
      results.push({
        slack429: limited,
        viewsOpen,
        command: `/jasper ${text}`,
        concurrency,
        arrival: 'burst',
        ackMs: summarise(samples),
        serverP50Ms: round(s.serverMsP50),
        serverP99Ms: round(s.serverMsP99),
        botElu: round(s.elu, 2),
        botLagP99Ms: round(s.lagP99Ms),
        botCpuMsPerCommand: round(s.cpuMs / Math.max(1, samples.length), 2),
        failures,
      });
    }
    // The same 100 commands arriving over one second (100/s) instead of at once: does the bot keep up?
    const top = Math.max(...o.ack.levels);
    const samples: number[] = [];
    let failures = 0;
    await bot.handle.reset();
    const rounds = Math.max(1, Math.ceil((o.ack.samples[top] ?? 100) / top));
    for (let r = 0; r < rounds; r++) {
      const round = await burst(bot, text, top, r, 1000 / top);
      samples.push(...round.ms);
      failures += round.failures;
      await sleep(250);
    }
    const s = await bot.handle.stats();
    const limited = world.gate.calls.filter((c) => c.limited).length;
    const viewsOpen = outcomes(world);
    world.gate.clear();
    results.push({ slack429: limited, viewsOpen, command: `/jasper ${text}`, concurrency: top, arrival: 'spread', ackMs: summarise(samples), serverP50Ms: round(s.serverMsP50), serverP99Ms: round(s.serverMsP99), botElu: round(s.elu, 2), botLagP99Ms: round(s.lagP99Ms), botCpuMsPerCommand: round(s.cpuMs / Math.max(1, samples.length), 2), failures });
  }
  return results;
}

async function burst(bot: BotUnderTest, text: string, concurrency: number, round: number, spacingMs = 0): Promise<{ ms: number[]; failures: number }> {
  let failures = 0;
  const ms = await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      if (spacingMs > 0) await sleep(i * spacingMs);
      const user = `U${1 + ((round * concurrency + i) % 100)}`;
      // elapsedMs: from the request being sent to the whole answer read (the driver's fetch round trip).
      const answer = await bot.driver.slashCommand({ text, userId: user, channelId: 'C_GENERAL' });
      if (answer.status !== 200 || answer.timedOut) failures += 1;
      return answer.elapsedMs;
    }),
  );
  return { ms, failures };
}

function outcomes(world: World): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of world.gate.calls) {
    if (c.method !== 'views.open') continue;
    const key = c.ok ? 'ok' : (c.error ?? `HTTP ${c.status}`);
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
