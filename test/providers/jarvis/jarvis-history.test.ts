import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeJarvis, type FakeJarvis } from '../../fakes/fake-jarvis.js';
import { collect, jarvisFor, runRequest } from './setup.js';

let fake: FakeJarvis;
beforeAll(async () => {
  fake = await startFakeJarvis();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

async function runAll(runs: Array<[agent: 'paperclip' | 'hermes', task: string]>): Promise<void> {
  const provider = jarvisFor(fake);
  for (const [agent, task] of runs) await collect(provider.run(runRequest(await provider.getTask(agent), { task })));
}

describe('Jarvis history', () => {
  it('pages newest first, with the total', async () => {
    await runAll([
      ['paperclip', 'one'],
      ['hermes', 'two'],
      ['paperclip', 'three'],
    ]);
    const history = jarvisFor(fake).history.list;
    const first = await history({ limit: 2, offset: 0 });
    expect(first.total).toBe(3);
    expect(first.entries.map((t) => t.text)).toEqual(['three', 'two']);
    expect(first.entries[0]).toMatchObject({ taskId: 'paperclip', status: 'completed', upstreamRunId: expect.stringMatching(/^tsk_/), createdAt: expect.any(String) });
    expect((await history({ limit: 2, offset: 2 })).entries.map((t) => t.text)).toEqual(['one']);
    expect(fake.requestsTo('GET /agents/history')[0]?.query).toEqual({ limit: '2', offset: '0' });
  });

  it('filters by agent and status', async () => {
    fake.script('hermes', { error: 'Staging is down.' });
    await runAll([
      ['paperclip', 'one'],
      ['hermes', 'two'],
    ]);
    const provider = jarvisFor(fake);
    expect((await provider.history.list({ taskId: 'hermes', limit: 10, offset: 0 })).entries.map((t) => [t.text, t.status])).toEqual([['two', 'failed']]);
    expect((await provider.history.list({ status: 'completed', limit: 10, offset: 0 })).entries.map((t) => t.text)).toEqual(['one']);
    expect(fake.requestsTo('GET /agents/history').at(-1)?.query).toEqual({ status: 'completed', limit: '10', offset: '0' });
  });

  it('refuses a page size, offset, agent or status Jarvis would refuse, without asking it', async () => {
    const provider = jarvisFor(fake);
    const refused = [{ limit: 0, offset: 0 }, { limit: 101, offset: 0 }, { limit: 10, offset: -1 }, { limit: 1.5, offset: 0 }, { taskId: 'zeus', limit: 5, offset: 0 }, { status: 'lost', limit: 5, offset: 0 }];
    for (const query of refused) {
      await expect(provider.history.list(query)).rejects.toMatchObject({ code: 'bad_request' });
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('maps a refusal to a typed error', async () => {
    fake.failNext('GET /agents/history', { status: 403, body: { error: 'History is not on your plan.' } });
    await expect(jarvisFor(fake).history.list({ limit: 5, offset: 0 })).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('History is not on your plan') });
  });
});
