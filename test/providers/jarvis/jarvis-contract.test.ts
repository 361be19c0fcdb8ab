import { runProviderContract, type ContractCall } from '../../contracts/provider-contract.js';
import { startFakeJarvis, type FakeJarvisRoute } from '../../fakes/fake-jarvis.js';
import { jarvisFor } from './setup.js';

// Jarvis's agents are the bot's own list: only runs reach the upstream (see `localTasks`).
const ROUTES: Record<ContractCall, FakeJarvisRoute> = {
  list: 'unknown',
  get: 'unknown',
  run: 'POST /agents/invoke',
};

runProviderContract('jarvis', async () => {
  const fake = await startFakeJarvis();
  return {
    provider: jarvisFor(fake),
    runnable: { taskId: 'paperclip', values: () => ({ task: 'Triage the open issues.', priority: 'high' }) },
    failNext: (call, status, fault) => fake.failNext(ROUTES[call], { status, times: 3, ...fault }),
    upstreamRequests: () => fake.requests.length,
    makeRunsSlow: () => {
      for (const agent of ['paperclip', 'hermes']) fake.script(agent, { pollsUntilDone: 1_000 });
    },
    lastRunBody: () => fake.requestsTo('POST /agents/invoke').at(-1)?.body,
    secrets: [fake.apiKey],
    // The result comes whole in the last status answer; a run is cancelled while it waits.
    wholeOutputAtOnce: true,
    localTasks: true,
    runSubmissions: () => fake.requestsTo('POST /agents/invoke').length,
    reset: () => fake.reset(),
    close: () => fake.close(),
  };
});
