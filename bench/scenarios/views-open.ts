/**
 * Command -> views.open: from the signed `/jasper run blog-post` leaving the bench to the fake Slack receiving the
 * views.open that carries its trigger_id. Warm catalogue with a fast upstream; then the upstream answering list/get in
 * 2 s while the cached list is stale (a background refresh is in flight); and (informational) a bot started cold
 * against the slow upstream.
 */
import { performance } from 'node:perf_hooks';
import type { BenchOptions } from '../options.js';
import { sleep, summarise, waitUntil, type Summary } from '../stats.js';
import type { BotUnderTest, World } from '../world.js';

export interface ViewsOpenCase {
  case: string;
  upstreamListMs: number;
  /** Command sent -> views.open received by Slack. */
  ms: Summary;
  opened: number;
  failed: number;
  /** Task-list requests the upstream got during the case (background refreshes). */
  upstreamListRequests: number;
  /** Why views.open failed, by Slack error (or `timeout`: never called within 5 s). */
  errors: Record<string, number>;
}

export async function viewsOpenScenario(world: World, bot: BotUnderTest, o: BenchOptions, botReadyAt: number): Promise<ViewsOpenCase[]> {
  const cases: ViewsOpenCase[] = [];
  // Fresh limits: the ack scenario's hundreds of views.open used up the method's tier.
  world.gate.clear();
  cases.push(await measure(world, bot, 'catalogue warm, upstream fast', o.upstream.listMs, o.viewsOpen.commands));

  // The cached list is older than CATALOGUE_REFRESH_SECONDS by now (or soon): the next command starts a refresh
  // that takes 2 s, and every command meanwhile must still be served from the cache.
  world.jasper.setLatency({ listMs: o.viewsOpen.slowUpstreamMs, getMs: o.viewsOpen.slowUpstreamMs });
  // The bot fetched its list while starting (the upstream answers lists in o.upstream.listMs until now).
  const staleAt = botReadyAt + o.upstream.listMs + o.catalogueRefreshSeconds * 1000 + 300;
  if (performance.now() < staleAt) await sleep(staleAt - performance.now());
  cases.push(await measure(world, bot, `upstream list/get ${o.viewsOpen.slowUpstreamMs} ms, cache stale (refresh in flight)`, o.viewsOpen.slowUpstreamMs, o.viewsOpen.commands, 100));
  world.jasper.setLatency({ listMs: o.upstream.listMs, getMs: o.upstream.getMs });
  return cases;
}

/** A fresh bot whose first task list takes `slowMs`: the first command waits for it (informational, no target). */
export async function coldViewsOpen(world: World, o: BenchOptions): Promise<ViewsOpenCase> {
  world.jasper.setLatency({ listMs: o.viewsOpen.slowUpstreamMs, getMs: o.viewsOpen.slowUpstreamMs });
  const bot = await world.startBot({ label: 'cold' });
  try {
    return await measure(world, bot, `cold start, upstream list/get ${o.viewsOpen.slowUpstreamMs} ms (info)`, o.viewsOpen.slowUpstreamMs, 3, 0);
  } finally {
    world.jasper.setLatency({ listMs: o.upstream.listMs, getMs: o.upstream.getMs });
    await bot.stop(false);
  }
}

async function measure(world: World, bot: BotUnderTest, label: string, listMs: number, commands: number, gapMs = 50): Promise<ViewsOpenCase> {
  const listBefore = world.jasper.requestsTo('GET /tasks').length;
  const samples: number[] = [];
  let failed = 0;
  const errors: Record<string, number> = {};
  const note = (e: string) => (errors[e] = (errors[e] ?? 0) + 1);
  for (let i = 0; i < commands; i++) {
    const user = `U${1 + (i % 50)}`;
    const sentAt = performance.now();
    const answer = await bot.driver.slashCommand({ text: 'run blog-post', userId: user, channelId: 'C_GENERAL' });
    try {
      const call = await waitUntil('views.open', () => world.gate.calls.find((c) => c.method === 'views.open' && c.triggerId === answer.triggerId && c.status !== 0), 5_000, 2);
      if (call.ok) samples.push(call.at - sentAt);
      else {
        failed += 1;
        note(call.error ?? `HTTP ${call.status}`);
      }
    } catch {
      failed += 1;
      note('timeout');
    }
    if (gapMs > 0) await sleep(gapMs);
  }
  return { case: label, upstreamListMs: listMs, ms: summarise(samples), opened: samples.length, failed, upstreamListRequests: world.jasper.requestsTo('GET /tasks').length - listBefore, errors };
}
