import { sleep as abortableSleep } from '../http/retry-policy.js';
import type { PollOptions } from '../http/poll-options.js';
import { pollUntilOver } from '../http/poll-loop.js';
import type { RunEvent } from '../types.js';
import type { BrowserAgentClient } from './browser-agent-client.js';
import type { BrowserAgentStatus, TaskRecord } from './browser-agent-schemas.js';
import { explainBrowserAgentError } from './browser-agent-errors.js';
import { statusEvents } from './map-browser-status.js';

export type { PollOptions };

export const DEFAULT_POLL_OPTIONS: PollOptions = { initialDelayMs: 1_000, maxDelayMs: 5_000, factor: 1.5, maxFailedPolls: 5, sleep: abortableSleep };

export interface PollStart {
  taskId: string;
  /** The submit's answer is always `pending`: that step shows at once, and the first poll waits. */
  submitted: boolean;
  signal: AbortSignal;
}

/** Polls a browser task until it completes, fails or is cancelled: a step per status change, then the output or the error. */
export function pollBrowserTask(client: BrowserAgentClient, start: PollStart, options: PollOptions): AsyncGenerator<RunEvent> {
  const { signal, taskId } = start;
  const context = client.errorContext;
  return pollUntilOver<BrowserAgentStatus, TaskRecord>(
    {
      signal,
      ...(start.submitted ? { known: { ...statusEvents(undefined, { status: 'pending' }, taskId, context), state: 'pending' as const } } : {}),
      read: (s) => client.getTask(taskId, s),
      interpret: (seen, record) => ({ ...statusEvents(seen, record, taskId, context), state: record.status }),
      reported: (error) => explainBrowserAgentError(error, false),
    },
    options,
  );
}
