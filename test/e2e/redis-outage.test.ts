import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOG_POST_TASK, contentFrame, stepFrame } from '../fakes/fake-jasper.js';
import { textOf } from '../fakes/fake-slack.js';
import { outputIn, startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import { hasRedisServer, startOwnedRedis } from '../support/owned-redis.js';
import { TEST_ENGINE } from '../support/redis.js';
import { blockIdOf, finishedRoot, openForm, runBlogPost, threadText, TOPIC } from './helpers.js';

const RUN = 'POST /tasks/:id/run/stream' as const;

describe.skipIf(!hasRedisServer)('Redis stops mid-run and comes back', () => {
  let redis: Awaited<ReturnType<typeof startOwnedRedis>>;
  let h: Harness;
  const crashes: unknown[] = [];
  const record = (error: unknown) => crashes.push(error);
  beforeAll(async () => {
    process.on('unhandledRejection', record);
    process.on('uncaughtException', record);
    redis = await startOwnedRedis();
    // The production job lock (30 s), not the suites' short one: an outage shorter than the lock must lose no run.
    // A longer one hands the run over (test/runs/turn-handover.test.ts).
    h = await startHarness({ redisUrl: redis.url, env: { RUN_LOCK_SECONDS: '30' } });
  });
  afterAll(async () => {
    await h?.close();
    await redis?.dispose();
    process.off('unhandledRejection', record);
    process.off('uncaughtException', record);
  });

  it('keeps acking Slack, tells users state is unavailable, finishes the run once Redis is back, and loses nothing', { timeout: 60_000 }, async () => {
    const earlier = await runBlogPost(h, 'Before the outage');
    await finishedRoot(h, 'C_GENERAL', earlier.ts);

    h.jasper.scriptStream(BLOG_POST_TASK.id, {
      steps: [{ frame: stepFrame('s1', 'loading', 'Writing') }, { frame: contentFrame('Written during the outage.'), delayMs: 1_500 }, { frame: stepFrame('s1', 'completed', 'Wrote') }],
    });
    const runsBefore = h.jasper.requestsTo(RUN).length;
    const during = await runBlogPost(h, 'During the outage');
    // Mid-run: the run has reached Jasper (Redis going away between its card and its start: redis-outage-at-start).
    await waitFor('the run to reach Jasper', () => h.jasper.requestsTo(RUN).length > runsBefore);
    await redis.stop();

    // Slack is still acknowledged at once, and the user is told what is wrong where they are looking.
    const help = await h.driver.slashCommand({ text: 'help' });
    expect(help.status).toBe(200);
    expect(help.elapsedMs).toBeLessThan(3_000);
    const health = await (await fetch(`http://127.0.0.1:${h.port}/healthz`)).json();
    // The worker's Redis is the same Redis: with the BullMQ engine it says it is not connected either.
    expect(health).toEqual({ ok: true, store: { kind: 'redis', reachable: false }, worker: { enabled: true, connected: TEST_ENGINE === 'local' } });
    await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text: 'make it shorter', threadTs: earlier.ts });
    await waitFor('the store-unavailable reply', () => threadText(h, 'C_GENERAL', earlier.ts).includes("can't reach my session store"));
    const view = await openForm(h, 'run blog-post');
    const submitted = await h.driver.submitView({ viewId: view.id, values: { [blockIdOf(view, TOPIC.id)]: 'Kept' } });
    expect(submitted.sent && submitted.outcome.kind).toBe('errors');
    expect(JSON.stringify(submitted)).toContain('storage is down');

    // Long enough for the clients' reconnect back-off to reach seconds: a reply right after Redis is back must still run.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await redis.start();
    // The run's writes wait out the outage (store retries, then Slack's pacing on the same Redis): allow for a busy machine.
    await finishedRoot(h, 'C_GENERAL', during.ts, 20_000);
    expect(textOf(h.slack.message('C_GENERAL', during.ts)!)).toContain('Done');
    expect(outputIn(h.slack.thread('C_GENERAL', during.ts))).toBe('Written during the outage.');

    // Everything written before the outage is still there: the earlier session takes a follow-up.
    const runs = h.jasper.requestsTo(RUN).length;
    await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text: 'now make it longer', threadTs: earlier.ts });
    await waitFor('the follow-up after the outage', () => h.jasper.requestsTo(RUN).length === runs + 1, 10_000);
    const body = JSON.stringify(h.jasper.requestsTo(RUN).at(-1)?.body);
    expect(body).toContain('Before the outage');
    // The form kept its values and can be submitted now.
    const again = await h.driver.submitView({ viewId: view.id, values: { [blockIdOf(view, TOPIC.id)]: 'Kept' } });
    expect(again.sent && again.outcome.kind).toBe('closed');
    expect(crashes).toEqual([]);
  });
});
