import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrandCatalogue } from '../../src/catalogue/brand-catalogue.js';
import type { KnowledgeItem, Provider } from '../../src/providers/types.js';
import { ActiveRuns } from '../../src/store/active-runs.js';
import type { KeyValueStore } from '../../src/store/key-value-store.js';
import { createRedisStore } from '../../src/store/redis-store.js';
import { SessionRepository } from '../../src/store/session-repository.js';
import type { Session } from '../../src/store/session-schema.js';
import { TaskUsage } from '../../src/store/task-usage.js';
import { PrefsRepository } from '../../src/store/user-prefs.js';
import { countKeys, REDIS_URL, testRedisStore } from '../support/redis.js';

/** Three stores on one namespace, each with its own connection: three replicas of the bot on one Redis. */
let replicas: KeyValueStore[];
let namespace: string;
let dispose: () => Promise<void>;

beforeEach(async () => {
  const first = await testRedisStore();
  namespace = first.namespace;
  replicas = [first.store, await createRedisStore({ url: REDIS_URL, namespace }), await createRedisStore({ url: REDIS_URL, namespace })];
  dispose = async () => {
    await Promise.all(replicas.slice(1).map((store) => store.close()));
    await first.dispose();
  };
});
afterEach(async () => {
  await dispose();
  expect(await countKeys(namespace)).toBe(0);
});

const spread = <T>(count: number, work: (replica: KeyValueStore, i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: count }, (_, i) => work(replicas[i % replicas.length]!, i)));

function session(): Session {
  return { id: 's1', provider: 'jasper', taskId: 't1', taskName: 'Blog Post', teamId: 'T1', userId: 'U1', channelId: 'C1', threadTs: '1.1', values: {}, status: 'running', turns: [], queue: [], createdAt: 1, updatedAt: 1 };
}

describe('shared state written by three replicas at once', () => {
  it('counts 300 runs recorded at once across three replicas as 300', async () => {
    await spread(300, (replica) => new TaskUsage(replica).record('jasper', 'blog'));
    expect(await new TaskUsage(replicas[0]!).counts()).toEqual({ 'jasper:blog': 300 });
  });

  it('keeps every change made to one session by three replicas at once', async () => {
    const repos = replicas.map((store) => new SessionRepository(store, { ttlMs: 60_000 }));
    await repos[0]!.create(session());
    await spread(60, (_replica, i) => repos[i % 3]!.update('s1', (s) => void s.queue.push({ text: `reply ${i}`, userId: 'U2', ts: String(i) })));
    const queue = (await repos[1]!.get('s1'))?.queue.map((reply) => Number(reply.ts)).sort((a, b) => a - b);
    expect(queue).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect((await repos[2]!.findByThread('C1', '1.1'))?.queue).toHaveLength(60);
  });

  it('keeps every favourite, default and recent session set from two replicas at once', async () => {
    const [a, b] = [new PrefsRepository(replicas[0]!), new PrefsRepository(replicas[1]!)];
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).toggleFavourite('U1', `jasper:task-${i}`)),
      ...Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).addRecentSession('U1', `session-${i}`)),
      a.setUserDefault('U1', 'toneId', 'tone-1'),
      b.setUserDefault('U1', 'audienceId', 'aud-1'),
    ]);
    const prefs = await a.user('U1');
    expect(prefs.favourites.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `jasper:task-${i}`).sort());
    expect(prefs.recentSessions.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `session-${i}`).sort());
    expect(prefs.defaults).toEqual({ toneId: 'tone-1', audienceId: 'aud-1' });
    // Toggling the same star on both replicas at once stars then unstars it: it ends where it started.
    await Promise.all([a.toggleFavourite('U1', 'jasper:task-0'), b.toggleFavourite('U1', 'jasper:task-0')]);
    expect((await b.user('U1')).favourites).toContain('jasper:task-0');
  });

  it('keeps the active runs each replica adds and removes', async () => {
    const runs = replicas.map((store) => new ActiveRuns(store));
    await spread(30, (_replica, i) => runs[i % 3]!.add(`s${i}`));
    await spread(15, (_replica, i) => runs[(i + 1) % 3]!.remove(`s${i * 2}`));
    expect((await runs[0]!.list()).sort()).toEqual(Array.from({ length: 15 }, (_, i) => `s${i * 2 + 1}`).sort());
  });

  it('tells every replica when knowledge changed through one of them', async () => {
    let items: KnowledgeItem[] = [{ id: 'k1', name: 'Old doc' }];
    const provider = { id: 'jasper', displayName: 'Jasper', knowledge: { search: async () => items } } as unknown as Provider;
    const [here, there] = [replicas[0]!, replicas[1]!].map((store) => new BrandCatalogue(provider, { refreshMs: 60_000, broadcast: store.broadcast }));
    expect((await there!.allKnowledge()).map((k) => k.name)).toEqual(['Old doc']);
    // The catalogue subscribes without waiting; a subscription made after it on the same connection resolves after it.
    await replicas[1]!.broadcast.subscribe('barrier', () => undefined);
    items = [...items, { id: 'k2', name: 'New doc' }];
    here!.knowledgeChanged();
    const deadline = Date.now() + 2_000;
    while ((await there!.allKnowledge()).length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await there!.allKnowledge()).map((k) => k.name)).toEqual(['Old doc', 'New doc']);
  });
});
