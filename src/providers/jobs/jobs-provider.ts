import { ProviderError, asProviderError } from '../errors.js';
import type { Provider, RunEvent, RunRequest, TaskDefinition } from '../types.js';
import { buildJobBrief } from './build-job-brief.js';
import { DEFAULT_FOLLOW_OPTIONS, followJob, type FollowOptions } from './follow-job.js';
import type { JobWebhookRegistration, JobWebhooks } from './job-webhooks.js';
import { createJobsClient, type JobsClient, type JobsClientOptions } from './jobs-client.js';
import { OBSERVED_EVENTS, type CreateJobBody } from './jobs-schemas.js';
import { jobsTask, JOBS_PROVIDER_ID, type JobsAgentLabel } from './jobs-tasks.js';
import type { AgentName } from './map-job-answer.js';

export interface JobsProviderOptions extends JobsClientOptions {
  /** The agents offered, one task each (`JOBS_AGENTS`). */
  agents: readonly JobsAgentLabel[];
  /** Webhook observers (when the bot has a `PUBLIC_URL`); absent = the provider polls. */
  webhooks?: JobWebhooks;
  /** Reading the job; tests shorten the waits. */
  follow?: Partial<FollowOptions>;
}

export interface JobsProvider extends Provider {
  resume(upstreamRunId: string, signal: AbortSignal): AsyncIterable<RunEvent>;
}

export function createJobsProvider(options: JobsProviderOptions): JobsProvider {
  const client = createJobsClient(options);
  const follow: FollowOptions = { ...DEFAULT_FOLLOW_OPTIONS, ...options.follow };
  const tasks = options.agents.map(jobsTask);
  const name: AgentName = (agentId) => options.agents.find((a) => a.id === agentId)?.label ?? agentId ?? 'The agent';
  const webhooks = options.webhooks;

  return {
    id: JOBS_PROVIDER_ID,
    displayName: 'Jobs',
    settings: { key: 'JOBS_API_KEY', url: 'JOBS_URL' },

    async listTasks() {
      return tasks.map(copy);
    },

    async getTask(id): Promise<TaskDefinition> {
      const task = tasks.find((t) => t.id === id);
      if (!task) throw new ProviderError('not_found', `No jobs agent "${id.slice(0, 40)}" is configured (JOBS_AGENTS names them).`);
      return copy(task);
    },

    run(request) {
      return runJob(client, request, { name, follow, webhooks });
    },

    /** Follows a job created before (by this process or another): no `started`, nothing sent, the same steps and ending. */
    resume(upstreamRunId, signal) {
      return followJob(client, { jobId: upstreamRunId, signal, webhooks }, name, follow);
    },
  };
}

function copy(task: TaskDefinition): TaskDefinition {
  return { ...task, categories: [...task.categories], inputs: task.inputs.map((input) => ({ ...input })) };
}

interface RunDeps {
  name: AgentName;
  follow: FollowOptions;
  webhooks?: JobWebhooks;
}

/**
 * Create the job once, say `started` with its id as soon as the API answers (the run lifecycle saves it, so a
 * restart resumes instead of creating it again), then follow it. Aborting ends the iteration quietly; the job goes on
 * upstream, whose API has no cancel.
 */
async function* runJob(client: JobsClient, request: RunRequest, deps: RunDeps): AsyncGenerator<RunEvent> {
  const { signal } = request;
  if (signal.aborted) return;
  let body: CreateJobBody;
  try {
    body = { agent_id: request.task.id, brief: buildJobBrief(request) };
  } catch (error) {
    yield { type: 'error', error: asProviderError(error), partial: false };
    return;
  }
  const registration = await register(deps.webhooks);
  if (registration) body.observers = [{ type: 'webhook', url: registration.url, events: [...OBSERVED_EVENTS] }];
  let jobId: string;
  try {
    jobId = (await client.create(body, signal)).id;
  } catch (error) {
    void registration?.discard().catch(() => undefined);
    if (!signal.aborted) yield { type: 'error', error: asProviderError(error), partial: false };
    return;
  }
  const bound = registration ? await registration.bind(jobId).then(() => true, () => false) : false;
  yield { type: 'started', upstreamRunId: jobId };
  // A job is created `queued` (jobs-api.txt), so that step shows before the first read.
  yield* followJob(client, { jobId, signal, known: 'queued', ...(bound && deps.webhooks ? { webhooks: deps.webhooks } : {}) }, deps.name, deps.follow);
}

/** A callback address, or none (polling) when there are no webhooks or the store cannot keep the token now. */
async function register(webhooks: JobWebhooks | undefined): Promise<JobWebhookRegistration | undefined> {
  if (!webhooks) return undefined;
  try {
    return await webhooks.register();
  } catch {
    return undefined;
  }
}
