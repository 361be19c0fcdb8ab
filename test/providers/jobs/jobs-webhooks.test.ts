import { afterEach, beforeAll, afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent, TaskDefinition } from '../../../src/providers/types.js';
import { createRedisStore } from '../../../src/store/redis-store.js';
import { DEFAULT_TOKENS_USED, startFakeJobs, type FakeJobs } from '../../fakes/fake-jobs.js';
import { REDIS_URL, testRedisStore } from '../../support/redis.js';
import { collect, jobsFor, runRequest, serveWebhookReplica, type WebhookReplica } from './setup.js';

let fake: FakeJobs;
let researcher: TaskDefinition;
beforeAll(async () => {
  fake = await startFakeJobs();
  researcher = await jobsFor(fake).getTask('agt_01');
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Two bot replicas on one Redis namespace, each with its own store connection and webhook route. */
async function twoReplicas(): Promise<[WebhookReplica, WebhookReplica]> {
  const first = await testRedisStore();
  const second = await createRedisStore({ url: REDIS_URL, namespace: first.namespace });
  cleanups.push(first.dispose, () => second.close());
  const a = await serveWebhookReplica(first.store);
  // Replica B's jobs give A's address: as behind a load balancer, their callbacks land on A.
  const b = await serveWebhookReplica(second, a.url);
  cleanups.push(a.close, b.close);
  return [a, b];
}

/** Runs in the background; `until` resolves when an event passes the test. */
function background(events: AsyncIterable<RunEvent>) {
  const seen: RunEvent[] = [];
  const waiters: { test: (e: RunEvent) => boolean; resolve: () => void }[] = [];
  const done = (async () => {
    for await (const event of events) {
      seen.push(event);
      for (const w of waiters.filter((w) => w.test(event))) w.resolve();
    }
    return seen;
  })();
  const until = (test: (e: RunEvent) => boolean) =>
    seen.some(test) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ test, resolve }));
  return { seen, done, until };
}

describe('jobs run with webhook observers', () => {
  it('registers an unguessable per-job observer and is moved on by callbacks alone (the poll timer is a minute)', async () => {
    const [a] = await twoReplicas();
    fake.script('agt_01', { advance: 'manual' });
    const run = background(jobsFor(fake, { webhooks: a.inbox }).run(runRequest(researcher, { objective: 'Research.' })));
    await run.until((e) => e.type === 'step' && e.id === 'queued');
    const [job] = fake.jobs();
    const observer = job?.observers[0];
    expect(observer?.events).toEqual(['running', 'completed', 'failed', 'cancelled']);
    expect(observer?.url).toMatch(new RegExp(`^${a.url}/webhooks/jobs/[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{43}$`));
    const readsBefore = fake.jobs()[0]?.reads ?? 0;
    const jobId = job?.id ?? '';
    fake.advance(jobId);
    await run.until((e) => e.type === 'step' && e.id === 'running');
    fake.advance(jobId);
    await run.until((e) => e.type === 'subjob' && e.status === 'running');
    fake.advance(jobId);
    await run.until((e) => e.type === 'subjob' && e.status === 'completed');
    fake.advance(jobId);
    const events = await run.done;
    expect(events.at(-1)).toEqual({ type: 'done', usage: { tokens: DEFAULT_TOKENS_USED } });
    expect(events.filter((e) => e.type === 'subjob').map((e) => e.type === 'subjob' && [e.status, e.parentId])).toEqual([
      ['running', job?.id],
      ['completed', job?.id],
    ]);
    expect((fake.jobs()[0]?.reads ?? 0) - readsBefore).toBeGreaterThan(0);
    await fake.settled();
    expect(fake.callbacks().every((c) => c.answered === 202)).toBe(true);
  });

  it('wakes the follower on another replica than the one the callback lands on', async () => {
    const [a, b] = await twoReplicas();
    fake.script('agt_01', { advance: 'manual', stages: [{ status: 'running' }, { status: 'completed' }] });
    // B follows the job; its callbacks reach A's route.
    const run = background(jobsFor(fake, { webhooks: b.inbox }).run(runRequest(researcher, { objective: 'Research.' })));
    await run.until((e) => e.type === 'step' && e.id === 'queued');
    const jobId = fake.jobs()[0]?.id ?? '';
    fake.advance(jobId);
    await run.until((e) => e.type === 'step' && e.id === 'running' && e.status === 'running');
    fake.advance(jobId);
    expect((await run.done).at(-1)?.type).toBe('done');
    // The route answers before it delivers, and B can finish before A's publish returns: wait for A's record.
    await expect.poll(() => a.deliveries).toEqual(['woken', 'woken']);
    expect(b.deliveries).toEqual([]);
  });

  it('ignores a duplicate, and a late running after completed never moves the job back', async () => {
    const [a] = await twoReplicas();
    fake.script('agt_01', { advance: 'manual', stages: [{ status: 'running' }, { status: 'completed' }] });
    const run = background(jobsFor(fake, { webhooks: a.inbox }).run(runRequest(researcher, { objective: 'Research.' })));
    await run.until((e) => e.type === 'step' && e.id === 'queued');
    const jobId = fake.jobs()[0]?.id ?? '';
    // Both transitions happen before any callback gets through; then completed arrives, then running, then completed again.
    fake.holdCallbacks(true);
    fake.advance(jobId, 2);
    fake.holdCallbacks(false);
    expect(await fake.sendCallback(jobId, 'completed')).toBe(202);
    expect(await fake.sendCallback(jobId, 'running')).toBe(202);
    const events = await run.done;
    const steps = events.filter((e) => e.type === 'step').map((e) => e.type === 'step' && `${e.id}:${e.status}`);
    // The read after the first callback finds the job completed: running is never shown, not even after that callback.
    expect(steps).toEqual(['queued:running', 'queued:completed']);
    expect(events.at(-1)?.type).toBe('done');

    fake.script('agt_01', { advance: 'manual', stages: [{ status: 'running' }] });
    const second = background(jobsFor(fake, { webhooks: a.inbox }).run(runRequest(researcher, { objective: 'Again.' })));
    await second.until((e) => e.type === 'step' && e.id === 'queued');
    const secondJob = fake.jobs()[1]?.id ?? '';
    fake.advance(secondJob);
    await fake.settled();
    const index = fake.callbacks().findIndex((c) => c.jobId === secondJob);
    expect(await fake.resend(index)).toBe(202);
    await expect.poll(() => a.deliveries.slice(-2)).toEqual(['woken', 'duplicate']);
  });

  it('polls with back-off when callbacks stop coming', async () => {
    const [a] = await twoReplicas();
    fake.holdCallbacks(true);
    // Advanced at each read: a timer-woken read that finds a change no callback announced means callbacks are not arriving.
    const provider = jobsFor(fake, { webhooks: a.inbox, follow: { initialDelayMs: 5, maxDelayMs: 20, factor: 2, webhookWaitMs: 300 } });
    const started = Date.now();
    const events = await collect(provider.run(runRequest(researcher, { objective: 'Research.' })));
    expect(events.at(-1)?.type).toBe('done');
    // One long wait, then fast polls (a run waiting a long wait each time would take 4 × 300 ms).
    expect(Date.now() - started).toBeLessThan(900);
    expect(fake.callbacks()).toEqual([]);
  });
});
