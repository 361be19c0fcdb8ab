/** The provider contract again, with a Jasper template as the runnable task (a one-piece run, not a stream). */
import { runProviderContract, type ContractCall } from '../../contracts/provider-contract.js';
import { BLOG_INTRO_TEMPLATE, DEFAULT_TEMPLATES, startFakeJasper, type FakeJasperRoute } from '../../fakes/fake-jasper.js';
import { jasperFor } from './setup.js';

const ROUTES: Record<ContractCall, FakeJasperRoute> = {
  // Templates are listed beside tasks; a refused task list fails the catalogue, a refused template list does not.
  list: 'GET /tasks',
  get: 'GET /templates/:id',
  run: 'POST /templates/:id/run',
};

runProviderContract('jasper (template)', async () => {
  const fake = await startFakeJasper({ templates: DEFAULT_TEMPLATES });
  return {
    provider: jasperFor(fake),
    runnable: { taskId: BLOG_INTRO_TEMPLATE.id, values: () => ({ blogTitle: 'AI for marketers' }) },
    failNext: (call, status, fault) => fake.failNext(ROUTES[call], { status, times: 3, ...fault }),
    upstreamRequests: () => fake.requests.length,
    makeRunsSlow: () => fake.setLatency({ runStartMs: 1500 }),
    lastRunBody: () => fake.requestsTo('POST /templates/:id/run').at(-1)?.body,
    secrets: [fake.apiKey],
    knowledgeFile: { name: 'Contract file', fileName: 'contract.txt', contentType: 'text/plain', bytes: new TextEncoder().encode('Contract text.'), tags: ['contract'] },
    wholeOutputAtOnce: true,
    reset: () => {
      fake.reset();
      fake.setLatency({ runStartMs: 0 });
    },
    close: () => fake.close(),
  };
});
