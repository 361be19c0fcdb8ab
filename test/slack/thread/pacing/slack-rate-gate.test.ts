import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createSlackRateGate, type SlackRateGate } from '../../../../src/slack/thread/pacing/slack-rate-gate.js';
import { freePort } from '../../../support/bot-process.js';
import { REDIS_URL, deleteNamespace } from '../../../support/redis.js';
import { mostInAnyInterval } from './admissions.js';

// Slack's per-channel pace (60/min, burst 3) ten times faster, so that 20 admissions take about 2 s, not 20.
const FAST = { perMinute: 600, burst: 3 };
const WINDOW_MS = 100;

const prefixes: string[] = [];
const gates: SlackRateGate[] = [];
function gate(redisUrl: string | undefined, prefix = `test-pacing-${randomUUID()}`): SlackRateGate {
  prefixes.push(prefix);
  const created = createSlackRateGate({ redisUrl, prefix });
  gates.push(created);
  return created;
}

afterAll(async () => {
  await Promise.all(gates.map((g) => g.close()));
  await Promise.all(prefixes.map((prefix) => deleteNamespace(prefix)));
});

/** Each gate takes `each` points of `key` at once; resolves with every admission time. */
async function admit(takers: SlackRateGate[], each: number, key: string): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(takers.flatMap((g) => Array.from({ length: each }, () => g.take(key, FAST).then(() => void times.push(performance.now())))));
  return times;
}

function expectPaced(times: number[], count: number): void {
  expect(times).toHaveLength(count);
  // The burst in any window; and the rate over a second, which two budgets instead of one would double.
  expect(mostInAnyInterval(times, WINDOW_MS)).toBeLessThanOrEqual(FAST.burst);
  expect(mostInAnyInterval(times, 1_000)).toBeLessThanOrEqual(FAST.burst + FAST.perMinute / 60);
}

describe('SlackRateGate on Redis', () => {
  it('is one budget for two replicas: 20 points of one key never beat the burst or the rate', async () => {
    const prefix = `test-pacing-${randomUUID()}`;
    const started = performance.now();
    const times = await admit([gate(REDIS_URL, prefix), gate(REDIS_URL, prefix)], 10, 'chat.postMessage:C1');
    expectPaced(times, 20);
    // One point per 100 ms window, shared: 19 windows after the first.
    expect(performance.now() - started).toBeGreaterThanOrEqual(19 * WINDOW_MS - 20);
  });

  it('keeps windows to the millisecond in Redis (1.2 s for chat.postMessage, which EX would make 1 s)', async () => {
    const prefix = `test-pacing-${randomUUID()}`;
    await gate(REDIS_URL, prefix).take('chat.postMessage:C1', { perMinute: 50, burst: 3 });
    const redis = new Redis(REDIS_URL);
    const ttl = await redis.pttl(`${prefix}:slack-rate:chat.postMessage:C1`);
    redis.disconnect();
    expect(ttl).toBeGreaterThan(1_000);
    expect(ttl).toBeLessThanOrEqual(1_200);
  });

  it('keeps the budgets of two prefixes (two bots on one Redis) apart', async () => {
    const slow = { perMinute: 6, burst: 2 };
    const started = performance.now();
    await Promise.all([gate(REDIS_URL).take('chat.update', slow), gate(REDIS_URL).take('chat.update', slow)]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('still paces, from memory, and promptly, when Redis is down', async () => {
    const down = gate(`redis://127.0.0.1:${await freePort()}`);
    const started = performance.now();
    await Promise.all([down.take('chat.update', { perMinute: 60, burst: 6 }), down.take('chat.update', { perMinute: 60, burst: 6 })]);
    expect(performance.now() - started).toBeLessThan(500);
    const times = await admit([down], 20, 'chat.postMessage:C1');
    expectPaced(times, 20);
  });
});

describe('SlackRateGate in memory', () => {
  it('paces 20 points of one key in one process, in the order asked', async () => {
    const memory = gate(undefined);
    const order: number[] = [];
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        memory.take('chat.postMessage:C1', FAST).then(() => {
          order.push(i);
          times.push(performance.now());
        }),
      ),
    );
    expectPaced(times, 20);
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
