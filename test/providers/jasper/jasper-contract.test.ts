import { runProviderContract, type ContractCall } from '../../contracts/provider-contract.js';
import { BLOG_POST_TASK, startFakeJasper, type FakeJasperRoute } from '../../fakes/fake-jasper.js';
import { inputId, jasperFor } from './setup.js';

const ROUTES: Record<ContractCall, FakeJasperRoute> = {
  list: 'GET /tasks',
  get: 'GET /tasks/:id',
  run: 'POST /tasks/:id/run/stream',
};

runProviderContract('jasper', async () => {
  const fake = await startFakeJasper();
  return {
    provider: jasperFor(fake),
    runnable: { taskId: BLOG_POST_TASK.id, values: (task) => ({ [inputId(task, 'Topic')]: 'AI for marketers' }) },
    // Three times: the first attempt and both retries of a read.
    failNext: (call, status, fault) => fake.failNext(ROUTES[call], { status, times: 3, ...fault }),
    upstreamRequests: () => fake.requests.length,
    makeRunsSlow: () => fake.setLatency({ tokenIntervalMs: 20 }),
    lastRunBody: () => fake.requestsTo('POST /tasks/:id/run/stream').at(-1)?.body,
    secrets: [fake.apiKey],
    knowledgeFile: { name: 'Contract file', fileName: 'contract.txt', contentType: 'text/plain', bytes: new TextEncoder().encode('Contract text.'), tags: ['contract'] },
    reset: () => {
      fake.reset();
      fake.setLatency({ tokenIntervalMs: 0 });
    },
    close: () => fake.close(),
  };
});
