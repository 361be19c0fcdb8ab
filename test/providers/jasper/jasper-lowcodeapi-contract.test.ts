import { runProviderContract, type ContractCall } from '../../contracts/provider-contract.js';
import { BLOG_POST_TASK, startFakeJasper, type FakeJasperRoute } from '../../fakes/fake-jasper.js';
import { startFakeLowCodeApi } from '../../fakes/fake-lowcodeapi.js';
import { inputId, jasperFor } from './setup.js';

const ROUTES: Record<ContractCall, FakeJasperRoute> = {
  list: 'GET /tasks',
  get: 'GET /tasks/:id',
  run: 'POST /tasks/:id/run/stream',
};

// The same suite as the direct transport, with every call going through the LowCodeAPI proxy.
runProviderContract('jasper over lowcodeapi', async () => {
  const fake = await startFakeJasper();
  const proxy = await startFakeLowCodeApi({ jasper: fake });
  return {
    provider: jasperFor(fake, { transport: 'lowcodeapi', apiKey: proxy.token, baseURL: proxy.baseURL }),
    runnable: { taskId: BLOG_POST_TASK.id, values: (task) => ({ [inputId(task, 'Topic')]: 'AI for marketers' }) },
    failNext: (call, status, fault) => fake.failNext(ROUTES[call], { status, times: 3, ...fault }),
    upstreamRequests: () => fake.requests.length,
    makeRunsSlow: () => fake.setLatency({ tokenIntervalMs: 20 }),
    lastRunBody: () => fake.requestsTo('POST /tasks/:id/run/stream').at(-1)?.body,
    secrets: [fake.apiKey, proxy.token],
    knowledgeFile: { name: 'Contract file', fileName: 'contract.txt', contentType: 'text/plain', bytes: new TextEncoder().encode('Contract text.'), tags: ['contract'] },
    reset: () => {
      fake.reset();
      proxy.reset();
      fake.setLatency({ tokenIntervalMs: 0 });
    },
    close: async () => {
      await proxy.close();
      await fake.close();
    },
  };
});
