import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../src/store/key-value-store.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { createRedisStore } from '../../src/store/redis-store.js';
import { countKeys, REDIS_URL, testRedisStore } from '../support/redis.js';

/**
 * One contract, both backends (as keyv's adapter test suite does): what the repositories rely on behaves the same on
 * Redis and in memory. `peer` is a second store on the same data (another replica); in memory there is none.
 */
interface Backend {
  store: KeyValueStore;
  peer?: () => Promise<KeyValueStore>;
  namespace?: string;
  dispose: () => Promise<void>;
}

const backends: Array<[string, () => Promise<Backend>]> = [
  [
    'redis',
    async () => {
      const { store, namespace, dispose } = await testRedisStore();
      const peers: KeyValueStore[] = [];
      return {
        store,
        namespace,
        peer: async () => {
          const peer = await createRedisStore({ url: REDIS_URL, namespace });
          peers.push(peer);
          return peer;
        },
        dispose: async () => {
          await Promise.all(peers.map((peer) => peer.close()));
          await dispose();
        },
      };
    },
  ],
  ['memory', async () => { const store = createMemoryStore(); return { store, dispose: () => store.close() }; }],
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(backends)('store contract on %s', (_kind, open) => {
  let backend: Backend;
  let store: KeyValueStore;

  beforeEach(async () => {
    backend = await open();
    store = backend.store;
  });
  afterEach(async () => {
    await backend.dispose();
    if (backend.namespace) expect(await countKeys(backend.namespace)).toBe(0);
  });

  it('update sees what set wrote, and get sees what update wrote', async () => {
    await store.set('rec', { n: 1, tags: [':colon', 'plain'] }, 60_000);
    const written = await store.update('rec', (current) => ({ ...(current as { n: number }), n: (current as { n: number }).n + 1 }), 60_000);
    expect(written).toEqual({ n: 2, tags: [':colon', 'plain'] });
    expect(await store.get('rec')).toEqual({ n: 2, tags: [':colon', 'plain'] });
    await store.set('rec', 'a string', 60_000);
    expect(await store.update('rec', (current) => `${String(current)}!`, 60_000)).toBe('a string!');
    expect(await store.get('rec')).toBe('a string!');
  });

  it('update gets undefined for an absent record, and leaves the record alone when change returns undefined', async () => {
    const seen: unknown[] = [];
    expect(await store.update('absent', (current) => void seen.push(current), 60_000)).toBeUndefined();
    expect(seen).toEqual([undefined]);
    expect(await store.get('absent')).toBeUndefined();
    await store.set('kept', { v: 1 });
    expect(await store.update('kept', () => undefined, 60_000)).toBeUndefined();
    expect(await store.get('kept')).toEqual({ v: 1 });
  });

  it('update passes on an error thrown by change, and writes nothing', async () => {
    await store.set('rec', { v: 1 });
    await expect(store.update('rec', () => { throw new Error('not this'); }, 60_000)).rejects.toThrow('not this');
    expect(await store.get('rec')).toEqual({ v: 1 });
  });

  it('update sets the time to live', async () => {
    // Long enough that a stalled event loop cannot expire it before it is read back.
    await store.update('brief', () => ({ v: 1 }), 400);
    expect(await store.get('brief')).toEqual({ v: 1 });
    await sleep(600);
    expect(await store.get('brief')).toBeUndefined();
  });

  it('concurrent updates of one record lose nothing', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.update('list', (current) => [...((current as number[] | undefined) ?? []), i], 60_000)));
    expect(((await store.get('list')) as number[]).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('hashes count, set and delete fields, and expire', async () => {
    expect(await store.hashGetAll('h')).toEqual({});
    expect(await store.hashIncrement('h', 'a', 1, 60_000)).toBe(1);
    expect(await store.hashIncrement('h', 'a', 2, 60_000)).toBe(3);
    await store.hashSet('h', 'b', 'x', 60_000);
    expect(await store.hashGetAll('h')).toEqual({ a: '3', b: 'x' });
    await store.hashDelete('h', 'a');
    expect(await store.hashGetAll('h')).toEqual({ b: 'x' });
    await store.hashSet('short', 'f', '1', 50);
    await sleep(120);
    expect(await store.hashGetAll('short')).toEqual({});
  });

  it('delete removes the record, the hash and the claim of a key', async () => {
    await store.set('k', { v: 1 });
    await store.hashSet('k', 'f', '1', 60_000);
    expect(await store.setIfAbsent('k', '1', 60_000)).toBe(true);
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
    expect(await store.hashGetAll('k')).toEqual({});
    expect(await store.setIfAbsent('k', '1', 60_000)).toBe(true);
  });

  it('a broadcast reaches every subscriber, on this store and on another replica of it', async () => {
    const heard: string[] = [];
    await store.broadcast.subscribe('topic', (message) => heard.push(`here:${message}`));
    const peer = await backend.peer?.();
    await peer?.broadcast.subscribe('topic', (message) => heard.push(`peer:${message}`));
    await sleep(50);
    await store.broadcast.publish('topic', 'stale');
    await store.broadcast.publish('other-topic', 'not this');
    const expected = peer ? ['here:stale', 'peer:stale'] : ['here:stale'];
    await expect.poll(() => [...heard].sort(), { timeout: 3_000 }).toEqual(expected);
  });
});
