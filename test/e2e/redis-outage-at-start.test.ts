import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textOf } from '../fakes/fake-slack.js';
import { startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import { hasRedisServer, startOwnedRedis } from '../support/owned-redis.js';
import { finishedRoot, runBlogPost } from './helpers.js';

const RUN = 'POST /tasks/:id/run/stream' as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Redis goes away in the moment between a run's card being posted in the channel and the run being recorded: Slack
 * answers the post late (the fake delays its answer after the message is in the channel), and Redis stops meanwhile.
 */
describe.skipIf(!hasRedisServer)('Redis goes away right after a run card is posted', () => {
  let redis: Awaited<ReturnType<typeof startOwnedRedis>>;
  let h: Harness;
  beforeEach(async () => {
    redis = await startOwnedRedis();
    h = await startHarness({ redisUrl: redis.url });
  });
  afterEach(async () => {
    await h?.close();
    await redis?.dispose();
  });

  async function cardPostedThenRedisStops(topic: string) {
    h.slack.setAnswerDelay('chat.postMessage', 1_500);
    const root = await runBlogPost(h, topic);
    await redis.stop();
    h.slack.setAnswerDelay('chat.postMessage', 0);
    return root;
  }

  it('back within seconds: the run starts and finishes under its card, once', { timeout: 60_000 }, async () => {
    const root = await cardPostedThenRedisStops('Card first');
    await sleep(2_000);
    await redis.start();
    expect(textOf(await finishedRoot(h, 'C_GENERAL', root.ts, 30_000))).toContain('Done');
    expect(h.jasper.requestsTo(RUN)).toHaveLength(1);
    expect(h.slack.roots('D_USER1').map(textOf).join('\n')).not.toContain("couldn't start");
  });

  it('gone for longer: the card says the run was not started (no live buttons), the person is told, nothing runs, and the next run works once Redis is back', { timeout: 60_000 }, async () => {
    const root = await cardPostedThenRedisStops('Never saved');
    try {
      const card = await waitFor('the card to say so', () => {
        const message = h.slack.message('C_GENERAL', root.ts);
        return message && textOf(message).includes('Not started') ? message : undefined;
      }, 30_000);
      expect(textOf(card)).not.toMatch(/Running|Cancel/);
      await waitFor('the person to be told', () => h.slack.roots('D_USER1').map(textOf).join('\n').includes("couldn't start"));
    } finally {
      await redis.start();
    }
    expect(h.jasper.requestsTo(RUN)).toHaveLength(0);
    // The bot is itself again once its connections are back.
    await waitFor('the bot to reach Redis again', async () => {
      const health = (await (await fetch(`http://127.0.0.1:${h.port}/healthz`)).json()) as { store: { reachable: boolean }; worker: { connected: boolean } };
      return health.store.reachable && health.worker.connected;
    }, 30_000);
    const next = await runBlogPost(h, 'Once Redis is back');
    expect(textOf(await finishedRoot(h, 'C_GENERAL', next.ts, 20_000))).toContain('Done');
  });
});
