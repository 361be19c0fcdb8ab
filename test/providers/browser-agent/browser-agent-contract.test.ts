import { runProviderContract, type ContractCall } from '../../contracts/provider-contract.js';
import { startFakeBrowserAgent, type FakeBrowserAgentRoute } from '../../fakes/fake-browser-agent.js';
import { browserFor } from './setup.js';

// The browser agent's one task is the bot's own: only runs reach the upstream (see `localTasks`).
const ROUTES: Record<ContractCall, FakeBrowserAgentRoute> = {
  list: 'unknown',
  get: 'unknown',
  run: 'POST /v1/tasks',
};

const STORY_SCHEMA = { type: 'object', properties: { title: { type: 'string' }, points: { type: 'number' } }, required: ['title'] };
const STORY = { title: 'Show HN: a contract suite', points: 42 };

runProviderContract('browser agent', async () => {
  const fake = await startFakeBrowserAgent();
  return {
    provider: browserFor(fake),
    runnable: { taskId: 'browse', values: () => ({ task: 'What is the top story on Hacker News?', startUrl: 'https://news.ycombinator.com/' }) },
    failNext: (call, status, fault) => fake.failNext(ROUTES[call], { status, times: 3, ...fault }),
    upstreamRequests: () => fake.requests.length,
    structured: {
      values: () => ({ task: 'Read the top story title.', schema: JSON.stringify(STORY_SCHEMA) }),
      prepare: () => fake.script({ structured: STORY }),
      expected: STORY,
    },
    makeRunsSlow: () => fake.script({ pollsUntilDone: 1_000 }),
    lastRunBody: () => fake.requestsTo('POST /v1/tasks').at(-1)?.body,
    secrets: [fake.apiKey],
    // The output comes whole in the last task record; a run is cancelled while it waits.
    wholeOutputAtOnce: true,
    localTasks: true,
    runSubmissions: () => fake.requestsTo('POST /v1/tasks').length,
    reset: () => fake.reset(),
    close: () => fake.close(),
  };
});
