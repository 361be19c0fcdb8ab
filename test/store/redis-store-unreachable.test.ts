import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/store/key-value-store.js';
import { createRedisStore } from '../../src/store/redis-store.js';

describe('redis store when Redis is not reachable', () => {
  it('rejects every operation quickly instead of hanging or pretending to succeed', async () => {
    const errors: Error[] = [];
    // Port 1 on loopback: nothing listens there.
    const store = await createRedisStore({ url: 'redis://127.0.0.1:1', onError: (e) => errors.push(e) });
    const started = Date.now();
    await expect(store.get('k')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.set('k', { a: 1 })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.setIfAbsent('k', '1', 1000)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await store.ping()).toBe(false);
    expect(errors.length).toBeGreaterThan(0);
    await store.close();
  });
});
