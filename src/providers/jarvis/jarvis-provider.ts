import { ProviderError, asProviderError } from '../errors.js';
import type { HistoryCapability, HistoryQuery, Provider, RunEvent, RunRequest, TaskDefinition } from '../types.js';
import { buildInvokeBody } from './build-invoke-body.js';
import { createJarvisClient, type JarvisClient, type JarvisClientOptions } from './jarvis-client.js';
import { JARVIS_AGENTS, JARVIS_STATUSES, type JarvisHistoryQuery, type JarvisStatus } from './jarvis-schemas.js';
import { isJarvisAgent, jarvisTask, JARVIS_PROVIDER_ID } from './jarvis-tasks.js';
import { DEFAULT_POLL_OPTIONS, pollTask, type PollOptions } from './poll-task.js';

export interface JarvisProviderOptions extends JarvisClientOptions {
  /** Status polling; tests shorten the waits. */
  poll?: Partial<PollOptions>;
}

export interface JarvisProvider extends Provider {
  resume(upstreamRunId: string, signal: AbortSignal): AsyncIterable<RunEvent>;
  /** Recent tasks across agents (filtered by agent and status), as `GET /agents/history` pages them. */
  readonly history: HistoryCapability;
}

export function createJarvisProvider(options: JarvisProviderOptions): JarvisProvider {
  const client = createJarvisClient(options);
  const poll: PollOptions = { ...DEFAULT_POLL_OPTIONS, ...options.poll };

  return {
    id: JARVIS_PROVIDER_ID,
    displayName: 'Jarvis',
    settings: { key: 'JARVIS_API_KEY', url: 'JARVIS_URL' },

    async listTasks() {
      return JARVIS_AGENTS.map(jarvisTask);
    },

    async getTask(id): Promise<TaskDefinition> {
      if (!isJarvisAgent(id)) throw new ProviderError('not_found', `Jarvis has no agent "${id.slice(0, 40)}"; its agents are Paperclip and Hermes.`);
      return jarvisTask(id);
    },

    run(request) {
      return runTask(client, request, poll);
    },

    /** Polls a task invoked before (by this process or another): no `started`, no invoke, the same steps and ending. */
    resume(upstreamRunId, signal) {
      return pollTask(client, { taskId: upstreamRunId, signal }, poll);
    },

    history: {
      statuses: JARVIS_STATUSES,
      async list(query, signal) {
        const page = await client.history(jarvisHistoryQuery(query), signal);
        return {
          entries: page.tasks.map((t) => ({ upstreamRunId: t.task_id, taskId: t.agent, text: t.task, status: t.status, createdAt: t.created_at })),
          total: page.total,
        };
      },
    },
  };
}

/** The query as Jarvis takes it; what Jarvis would refuse is refused here, without asking it. */
function jarvisHistoryQuery(query: HistoryQuery): JarvisHistoryQuery {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 100) throw new ProviderError('bad_request', 'A history page holds 1 to 100 tasks.');
  if (!Number.isInteger(query.offset) || query.offset < 0) throw new ProviderError('bad_request', 'A history offset is a whole number, 0 or more.');
  const { taskId, status } = query;
  if (taskId !== undefined && !isJarvisAgent(taskId)) throw new ProviderError('bad_request', `Jarvis has no agent "${taskId.slice(0, 40)}"; its agents are Paperclip and Hermes.`);
  if (status !== undefined && !isJarvisStatus(status)) throw new ProviderError('bad_request', `A Jarvis task is ${JARVIS_STATUSES.join(', ')}; not "${status.slice(0, 40)}".`);
  return { ...(taskId !== undefined && { agent: taskId }), ...(status !== undefined && { status }), limit: query.limit, offset: query.offset };
}

const isJarvisStatus = (status: string): status is JarvisStatus => (JARVIS_STATUSES as readonly string[]).includes(status);

/**
 * Invoke once, say `started` with Jarvis's task id as soon as it answers (the run lifecycle saves it, so a restart
 * resumes instead of invoking again), then poll. Aborting ends the iteration quietly; the task goes on in Jarvis,
 * whose API has no cancel.
 */
async function* runTask(client: JarvisClient, request: RunRequest, poll: PollOptions): AsyncGenerator<RunEvent> {
  const { signal } = request;
  if (signal.aborted) return;
  let taskId: string;
  let agent: string;
  try {
    const body = buildInvokeBody(request);
    agent = body.agent;
    taskId = (await client.invoke(body, signal)).task_id;
  } catch (error) {
    if (!signal.aborted) yield { type: 'error', error: asProviderError(error), partial: false };
    return;
  }
  yield { type: 'started', upstreamRunId: taskId };
  // An invoke always answers `queued` (jarvis-agent-api.txt), so that step shows before the first poll.
  yield* pollTask(client, { taskId, agent, signal, known: 'queued' }, poll);
}
