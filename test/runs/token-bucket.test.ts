import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../src/runs/pacing/token-bucket.js';

describe('TokenBucket', () => {
  it('lets a burst through at once, then paces at its rate, in order, refusing nothing', async () => {
    const bucket = new TokenBucket(20, 3);
    const order: number[] = [];
    const started = Date.now();
    await Promise.all(Array.from({ length: 7 }, (_, i) => bucket.take().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // 3 at once, then 4 more at 20 a second: at least ~200 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
  });
});

describe('TokenBucket idle', () => {
  it('is idle only when full again with nobody waiting', async () => {
    const bucket = new TokenBucket(50, 1);
    expect(bucket.idle).toBe(true);
    await bucket.take();
    expect(bucket.idle).toBe(false);
    const waiting = bucket.take();
    expect(bucket.idle).toBe(false);
    await waiting;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(bucket.idle).toBe(true);
  });
});
