import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../src/store/key-value-store.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { SessionRepository } from '../../src/store/session-repository.js';
import type { Session } from '../../src/store/session-schema.js';
import { claimOnce } from '../../src/store/claims.js';
import { countKeys, testRedisStore } from '../support/redis.js';

function session(overrides: Partial<Session> = {}): Session {
  return {
    id: 's1',
    provider: 'jasper',
    taskId: 't1',
    taskName: 'Blog Post',
    teamId: 'T1',
    userId: 'U1',
    channelId: 'C1',
    threadTs: '1700000000.000100',
    values: { topic: 'AI', tags: ['a', 'b'] },
    status: 'pending',
    turns: [],
    queue: [],
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

const backends: Array<[string, () => Promise<{ store: KeyValueStore; namespace?: string; dispose: () => Promise<void> }>]> = [
  ['redis', testRedisStore],
  ['memory', async () => { const store = createMemoryStore(); return { store, dispose: () => store.close() }; }],
];

describe.each(backends)('session repository on %s', (_kind, open) => {
  let store: KeyValueStore;
  let namespace: string | undefined;
  let dispose: () => Promise<void>;
  let problems: string[];
  let repo: SessionRepository;

  beforeEach(async () => {
    ({ store, namespace, dispose } = await open());
    problems = [];
    repo = new SessionRepository(store, { ttlMs: 60_000, onInvalidRecord: (key) => problems.push(key) });
  });
  afterEach(async () => {
    await dispose();
    if (namespace) expect(await countKeys(namespace)).toBe(0);
  });

  it('creates, finds by thread and updates a session', async () => {
    await repo.create(session());
    expect((await repo.get('s1'))?.values).toEqual({ topic: 'AI', tags: ['a', 'b'] });
    expect((await repo.findByThread('C1', '1700000000.000100'))?.id).toBe('s1');
    expect(await repo.findByThread('C1', '1.2')).toBeUndefined();
    const updated = await repo.update('s1', (s) => void (s.status = 'running'));
    expect(updated.status).toBe('running');
    expect((await repo.get('s1'))?.status).toBe('running');
  });

  it('serialises concurrent updates of one session so none is lost', async () => {
    await repo.create(session());
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => repo.update('s1', (s) => void s.queue.push({ text: `reply ${i}`, userId: 'U2', ts: String(i) }))),
    );
    expect((await repo.get('s1'))?.queue).toHaveLength(20);
  });

  it('ignores (and reports) a record that fails validation instead of crashing', async () => {
    await store.set('session:bad', { id: 'bad', status: 'exploded' });
    expect(await repo.get('bad')).toBeUndefined();
    expect(problems).toEqual(['session:bad']);
  });

  it('claims a key once', async () => {
    expect(await claimOnce(store, 'event:Ev1')).toBe(true);
    expect(await claimOnce(store, 'event:Ev1')).toBe(false);
    expect(await claimOnce(store, 'event:Ev2')).toBe(true);
  });

  it('expires records after their time to live', async () => {
    const short = new SessionRepository(store, { ttlMs: 50 });
    await short.create(session({ id: 'brief', threadTs: undefined }));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await short.get('brief')).toBeUndefined();
  });
});
