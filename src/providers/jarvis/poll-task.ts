import { sleep as abortableSleep } from '../http/retry-policy.js';
import type { PollOptions } from '../http/poll-options.js';
import { pollUntilOver } from '../http/poll-loop.js';
import type { RunEvent } from '../types.js';
import type { JarvisClient } from './jarvis-client.js';
import type { JarvisStatus } from './jarvis-schemas.js';
import { statusEvents } from './map-jarvis-status.js';

export type { PollOptions };

export const DEFAULT_POLL_OPTIONS: PollOptions = { initialDelayMs: 500, maxDelayMs: 4_000, factor: 1.5, maxFailedPolls: 5, sleep: abortableSleep };

export interface PollStart {
  taskId: string;
  /** The agent, for step labels, when known before the first answer. */
  agent?: string;
  /** The status an invoke answered (always `queued`): its step shows at once, and the first poll waits. */
  known?: 'queued';
  signal: AbortSignal;
}

/** Polls a Jarvis task until it is completed or failed: a step per status change, then the result or the error. */
export function pollTask(client: JarvisClient, start: PollStart, options: PollOptions): AsyncGenerator<RunEvent> {
  const { signal, taskId } = start;
  let agent = start.agent;
  const known = start.known;
  return pollUntilOver<JarvisStatus, Awaited<ReturnType<JarvisClient['status']>>>(
    {
      signal,
      ...(known ? { known: { ...statusEvents(undefined, { task_id: taskId, status: known }, agent ?? 'The agent', client.errorContext), state: known } } : {}),
      read: (s) => client.status(taskId, s),
      interpret(seen, answer) {
        agent = answer.agent ?? agent;
        return { ...statusEvents(seen, answer, agent ?? 'The agent', client.errorContext), state: answer.status };
      },
    },
    options,
  );
}
