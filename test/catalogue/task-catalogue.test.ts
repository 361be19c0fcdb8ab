import { describe, expect, it } from 'vitest';
import { TaskCatalogue } from '../../src/catalogue/task-catalogue.js';
import type { Provider, TaskDefinition } from '../../src/providers/types.js';

const task = (name: string, id = name.toLowerCase().replace(/\s+/g, '-')): TaskDefinition => ({
  provider: 'fake',
  id,
  name,
  slug: name.toLowerCase().replace(/\s+/g, '-'),
  description: '',
  categories: [],
  inputs: [],
});

/** A provider whose task list answers after `delayMs`, counting calls. */
function slowProvider(lists: TaskDefinition[][], delayMs: number) {
  let calls = 0;
  const provider: Provider = {
    id: 'fake',
    displayName: 'Fake',
    settings: { key: 'FAKE_API_KEY', url: 'FAKE_URL' },
    listTasks: async () => {
      const answer = lists[Math.min(calls, lists.length - 1)] ?? [];
      calls++;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return answer;
    },
    getTask: async (id) => {
      throw new Error(`no task ${id}`);
    },
    run: () => {
      throw new Error('not used');
    },
  };
  return { provider, calls: () => calls };
}

describe('TaskCatalogue', () => {
  it('serves a stale list at once while it refreshes in the background', async () => {
    let now = 0;
    const { provider, calls } = slowProvider([[task('Blog Post')], [task('Blog Post'), task('Social Post')]], 200);
    const catalogue = new TaskCatalogue(provider, { refreshMs: 1_000, now: () => now });
    expect((await catalogue.tasks()).map((t) => t.name)).toEqual(['Blog Post']);
    now = 5_000;
    const started = performance.now();
    expect((await catalogue.tasks()).map((t) => t.name)).toEqual(['Blog Post']);
    expect(performance.now() - started).toBeLessThan(100);
    expect(calls()).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await catalogue.tasks()).map((t) => t.name)).toEqual(['Blog Post', 'Social Post']);
  });

  it('shares one fetch between concurrent callers', async () => {
    const { provider, calls } = slowProvider([[task('Blog Post')]], 50);
    const catalogue = new TaskCatalogue(provider, { refreshMs: 60_000 });
    await Promise.all([catalogue.tasks(), catalogue.find('blog-post'), catalogue.search('blog')]);
    expect(calls()).toBe(1);
  });

  it('gives up on a cold list after the deadline instead of missing the 3-second trigger window', async () => {
    const { provider } = slowProvider([[task('Blog Post')]], 5_000);
    const catalogue = new TaskCatalogue(provider, { refreshMs: 60_000, coldWaitMs: 100 });
    const lookup = await catalogue.find('blog-post');
    expect(lookup.kind).toBe('unavailable');
  });

  it('finds by slug or id, and suggests the closest otherwise', async () => {
    const { provider } = slowProvider([[task('Blog Post', 'agt_1'), task('Social Campaign', 'agt_2')]], 0);
    const catalogue = new TaskCatalogue(provider, { refreshMs: 60_000 });
    expect(await catalogue.find('blog-post')).toMatchObject({ kind: 'found', task: { id: 'agt_1' } });
    expect(await catalogue.find('AGT_2')).toMatchObject({ kind: 'found', task: { id: 'agt_2' } });
    const missing = await catalogue.find('social');
    expect(missing.kind === 'missing' && missing.suggestions.map((t) => t.id)).toEqual(['agt_2']);
  });
});
