import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderError } from '../../../src/providers/errors.js';
import { createJasperProvider } from '../../../src/providers/jasper/index.js';
import { BLOG_POST_TASK, EVERY_INPUT_TASK, startFakeJasper, type FakeJasper, type FakeTask } from '../../fakes/fake-jasper.js';
import { jasperFor } from './setup.js';

let fake: FakeJasper;
beforeAll(async () => {
  fake = await startFakeJasper();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.setTasks([BLOG_POST_TASK, EVERY_INPUT_TASK]);
});

const manyTasks = (n: number): FakeTask[] =>
  Array.from({ length: n }, (_, i) => ({ ...BLOG_POST_TASK, id: `agt_${String(i).padStart(4, '0')}`, name: `Task ${i}` }));

describe('listTasks', () => {
  it('follows pagination.next across pages, with context items and categories', async () => {
    fake.setTasks(manyTasks(250));
    const tasks = await jasperFor(fake).listTasks();
    expect(tasks.map((t) => t.id)).toEqual(manyTasks(250).map((t) => t.id));
    expect(tasks[249]?.inputs).toHaveLength(3);
    expect(fake.requestsTo('GET /tasks').map((r) => r.query)).toEqual(
      [1, 2, 3].map((page) => ({ page: String(page), size: '100', includeContextItems: 'true', includeCategories: 'true' })),
    );
  });

  it('reads one page when the catalogue fits', async () => {
    const tasks = await jasperFor(fake).listTasks();
    expect(tasks.map((t) => t.slug)).toEqual(['blog-post', 'campagne-reseaux-sociaux-ete-2025']);
    expect(fake.requestsTo('GET /tasks')).toHaveLength(1);
  });

  it('stops when pagination loops back, and says so', async () => {
    const page = { data: [{ id: 'agt_1', name: 'One' }], pagination: { totalRecords: 9, page: 2, pageSize: 1, next: '1', prev: '1' } };
    const fetch = vi.fn(async () => new Response(JSON.stringify(page), { headers: { 'content-type': 'application/json' } }));
    const logger = { warn: vi.fn() };
    const tasks = await createJasperProvider({ apiKey: 'k', baseURL: 'http://jasper.test/v1', fetch, logger, templates: false }).listTasks();
    expect(tasks.map((t) => t.id)).toEqual(['agt_1']);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('pagination'), expect.anything());
  });

  it('waits for a slow Jasper within the time-out', async () => {
    fake.setLatency({ listMs: 150 });
    try {
      expect(await jasperFor(fake, { timeoutMs: 2000 }).listTasks()).toHaveLength(2);
    } finally {
      fake.setLatency({ listMs: 0 });
    }
  });
});

describe('getTask', () => {
  it('gets a task by UUID and by agt_ id, as the list maps it', async () => {
    const jasper = jasperFor(fake);
    const listed = await jasper.listTasks();
    expect(await jasper.getTask(BLOG_POST_TASK.id)).toEqual(listed[0]);
    expect(await jasper.getTask(EVERY_INPUT_TASK.id)).toEqual(listed[1]);
    expect(fake.requestsTo('GET /tasks/:id').map((r) => r.path)).toEqual([`/v1/tasks/${BLOG_POST_TASK.id}`, `/v1/tasks/${EVERY_INPUT_TASK.id}`]);
  });

  it('encodes odd ids and maps an unknown one to not_found', async () => {
    const error = await jasperFor(fake).getTask('../knowledge?x=1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe('not_found');
    expect((error as ProviderError).message).toBe('Jasper could not find it (404): Task not found.');
    expect(fake.requests[0]?.route).toBe('GET /tasks/:id');
  });

  it('sends the key in x-api-key and never records it', async () => {
    await jasperFor(fake).getTask(BLOG_POST_TASK.id);
    expect(JSON.stringify(fake.requests)).not.toContain(fake.apiKey);
    expect(fake.requests[0]?.headers.accept).toBe('application/json');
  });
});

describe('searchKnowledge', () => {
  it('filters by name, and lists everything for an empty query', async () => {
    const jasper = jasperFor(fake);
    expect(await jasper.knowledge?.search('brand')).toEqual([{ id: 'kno_01HBRANDGUIDE', name: 'Brand guide 2025' }]);
    expect(await jasper.knowledge?.search('  ')).toHaveLength(3);
    expect(fake.requestsTo('GET /knowledge').map((r) => r.query)).toEqual([{ size: '100', q: 'name:brand' }, { size: '100' }]);
  });
});
