import { runProviderContract, type ContractCall } from '../../contracts/provider-contract.js';
import { startFakeJobs, type FakeJobsRoute, type JobStage } from '../../fakes/fake-jobs.js';
import { testRedisStore } from '../../support/redis.js';
import { jobsFor, serveWebhookReplica } from './setup.js';

// The agents are the bot's own list (JOBS_AGENTS): only runs reach the upstream (see `localTasks`).
const ROUTES: Record<ContractCall, FakeJobsRoute> = { list: 'unknown', get: 'unknown', run: 'POST /v1/jobs' };

const COUNT_SCHEMA = { type: 'object', properties: { open: { type: 'number' } }, required: ['open'] };
const COUNT = { open: 17 };
/** A subjob that dispatches one of its own. */
const NESTED_STAGES: JobStage[] = [
  { status: 'running' },
  { subjob: { key: 'plan', status: 'running', objective: 'Plan the work' } },
  { subjob: { key: 'fetch', status: 'running', objective: 'Fetch the tickets', parent: 'plan' } },
  { subjob: { key: 'fetch', status: 'completed' } },
  { subjob: { key: 'plan', status: 'completed' } },
  { status: 'completed' },
];

for (const webhooks of [false, true]) {
  runProviderContract(webhooks ? 'jobs (webhooks)' : 'jobs (polling)', async () => {
    const fake = await startFakeJobs();
    const redis = webhooks ? await testRedisStore() : undefined;
    const replica = redis ? await serveWebhookReplica(redis.store) : undefined;
    return {
      provider: jobsFor(fake, replica ? { webhooks: replica.inbox } : {}),
      runnable: { taskId: 'agt_01', values: () => ({ objective: 'Summarise the week in support tickets.' }) },
      failNext: (call, status, fault) => fake.failNext(ROUTES[call], { status, times: 3, ...fault }),
      upstreamRequests: () => fake.requestsTo('POST /v1/jobs').length + fake.requestsTo('GET /v1/jobs/:id').length,
      structured: {
        values: () => ({ objective: 'Count the open tickets.', output_schema: JSON.stringify(COUNT_SCHEMA) }),
        prepare: () => fake.script('agt_01', { result: COUNT }),
        expected: COUNT,
      },
      subjobs: { prepare: () => fake.script('agt_01', { stages: NESTED_STAGES }) },
      makeRunsSlow: () => {
        for (const agent of fake.agents) fake.script(agent, { advance: 'manual' });
      },
      lastRunBody: () => fake.requestsTo('POST /v1/jobs').at(-1)?.body,
      secrets: [fake.apiKey],
      // The result comes whole in the last answer; a run is cancelled while its step runs.
      wholeOutputAtOnce: true,
      localTasks: true,
      runSubmissions: () => fake.requestsTo('POST /v1/jobs').length,
      reset: () => fake.reset(),
      close: async () => {
        await fake.close();
        await replica?.close();
        await redis?.dispose();
      },
    };
  });
}
