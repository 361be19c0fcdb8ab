import { ProviderError, asProviderError } from '../errors.js';
import type { Provider, RunEvent, RunRequest, TaskDefinition } from '../types.js';
import { createBrowserAgentClient, type BrowserAgentClient, type BrowserAgentClientOptions } from './browser-agent-client.js';
import { explainBrowserAgentError } from './browser-agent-errors.js';
import { BROWSER_AGENT_NAME, BROWSER_AGENT_PROVIDER_ID, BROWSE_TASK_ID, browseTask } from './browser-agent-task.js';
import { buildTaskBody } from './build-task-body.js';
import { DEFAULT_POLL_OPTIONS, pollBrowserTask, type PollOptions } from './poll-browser-task.js';

export interface BrowserAgentProviderOptions extends BrowserAgentClientOptions {
  /** Status polling; tests shorten the waits. */
  poll?: Partial<PollOptions>;
}

export interface BrowserAgentProvider extends Provider {
  resume(upstreamRunId: string, signal: AbortSignal): AsyncIterable<RunEvent>;
}

export function createBrowserAgentProvider(options: BrowserAgentProviderOptions): BrowserAgentProvider {
  const client = createBrowserAgentClient(options);
  const poll: PollOptions = { ...DEFAULT_POLL_OPTIONS, ...options.poll };

  return {
    id: BROWSER_AGENT_PROVIDER_ID,
    displayName: BROWSER_AGENT_NAME,
    settings: { key: 'BROWSER_AGENT_API_KEY', url: 'BROWSER_AGENT_URL' },

    async listTasks() {
      return [browseTask()];
    },

    async getTask(id): Promise<TaskDefinition> {
      if (id !== BROWSE_TASK_ID) throw new ProviderError('not_found', `The browser agent has no task "${id.slice(0, 40)}"; its one task is Browse.`);
      return browseTask();
    },

    run(request) {
      return runTask(client, request, poll);
    },

    /** Polls a task submitted before (by this process or another): no `started`, no submit, the same steps and ending. */
    resume(upstreamRunId, signal) {
      return pollBrowserTask(client, { taskId: upstreamRunId, submitted: false, signal }, poll);
    },
  };
}

/**
 * Submit once, say `started` with the task and session ids as soon as the agent answers (the run lifecycle saves them:
 * a restart resumes the task, a follow-up continues the session), then poll. Aborting ends the iteration quietly; the
 * task goes on upstream, whose document has no cancel.
 */
async function* runTask(client: BrowserAgentClient, request: RunRequest, poll: PollOptions): AsyncGenerator<RunEvent> {
  const { signal } = request;
  if (signal.aborted) return;
  let taskId: string;
  let sessionId: string;
  let forSession = false;
  try {
    const body = buildTaskBody(request);
    forSession = body.sessionId !== undefined;
    ({ taskId, sessionId } = await client.submit(body, signal));
  } catch (error) {
    if (!signal.aborted) yield { type: 'error', error: explainBrowserAgentError(asProviderError(error), forSession), partial: false };
    return;
  }
  yield { type: 'started', upstreamRunId: taskId, upstreamSessionId: sessionId };
  yield* pollBrowserTask(client, { taskId, submitted: true, signal }, poll);
}
