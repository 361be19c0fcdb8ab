import { asProviderError, type ProviderError } from '../errors.js';
import { nextDelay } from '../http/poll-loop.js';
import type { RunEvent } from '../types.js';
import type { JobWebhooks } from './job-webhooks.js';
import type { JobsClient } from './jobs-client.js';
import { answerEvents, type AgentName, type FollowState } from './map-job-answer.js';
import { Wakeup, type WakeReason } from './wakeup.js';

export interface FollowOptions {
  /** With callbacks: the longest wait between two reads (a safety net for a callback lost on the way). */
  webhookWaitMs: number;
  /** Without callbacks (or when they stop coming): the first wait between reads, growing by `factor` up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /**
   * Reads in a row that may fail with a passing problem (429, 5xx, network, time-out) before the run reports it.
   * The job goes on upstream whatever we see, and a reported failure invites a Retry, which would create it again.
   */
  maxFailedPolls: number;
}

export const DEFAULT_FOLLOW_OPTIONS: FollowOptions = { webhookWaitMs: 30_000, initialDelayMs: 1_000, maxDelayMs: 5_000, factor: 1.5, maxFailedPolls: 5 };

export interface FollowStart {
  jobId: string;
  signal: AbortSignal;
  /** The create answer's `queued`: its step shows before the first read. */
  known?: 'queued';
  /** Callbacks for this job wake the loop; absent = polling only. */
  webhooks?: Pick<JobWebhooks, 'watch'>;
}

/**
 * Follows a job until it is completed, failed or cancelled. Each wait ends at a callback for the job (from any
 * replica) or at a timer, and is followed by a read of `GET /v1/jobs/{id}`: the read is the authority, so a late,
 * duplicated or out-of-order callback only causes a read. With callbacks the timer is long; when a timer-woken read
 * finds a change no callback announced (callbacks are not arriving), and without callbacks, reads back off from
 * `initialDelayMs` to `maxDelayMs`. An aborted signal ends the iteration quietly.
 */
export async function* followJob(client: JobsClient, start: FollowStart, name: AgentName, options: FollowOptions): AsyncGenerator<RunEvent> {
  const { signal, jobId } = start;
  const wakeup = new Wakeup();
  const unwatch = await watchOrNot(start, wakeup);
  let trustCallbacks = unwatch !== undefined;
  let state: FollowState = { subjobs: new Map() };
  let delay = options.initialDelayMs;
  let failedPolls = 0;
  let wait = 0;
  let woke: WakeReason = 'notified';
  try {
    if (start.known) {
      const first = answerEvents(state, { id: jobId, status: start.known }, name, client.errorContext);
      state = first.state;
      yield* first.events;
    }
    for (;;) {
      if (wait > 0) {
        try {
          woke = await wakeup.wait(wait, signal);
        } catch {
          return;
        }
      }
      if (signal.aborted) return;
      let failure: ProviderError | undefined;
      try {
        const answer = answerEvents(state, await client.get(jobId, signal), name, client.errorContext);
        failedPolls = 0;
        state = answer.state;
        for (const event of answer.events) {
          // Nothing more once aborted, not even the `done` right after a result.
          if (signal.aborted) return;
          yield event;
        }
        if (answer.terminal) return;
        if (unwatch && woke === 'notified') trustCallbacks = true;
        else if (woke === 'timer' && answer.events.length > 0) trustCallbacks = false;
      } catch (error) {
        if (signal.aborted) return;
        failure = asProviderError(error);
        if (!failure.retryable || ++failedPolls > options.maxFailedPolls) {
          yield { type: 'error', error: failure, partial: false };
          return;
        }
      }
      if (trustCallbacks && !failure) {
        wait = options.webhookWaitMs;
        delay = options.initialDelayMs;
      } else {
        wait = Math.max(delay, failure?.retryAfterMs ?? 0);
        delay = nextDelay(delay, options);
      }
    }
  } finally {
    unwatch?.();
  }
}

/** Listening for the job's callbacks, or polling only when there are none or the store cannot be listened to. */
async function watchOrNot(start: FollowStart, wakeup: Wakeup): Promise<(() => void) | undefined> {
  if (!start.webhooks) return undefined;
  try {
    return await start.webhooks.watch(start.jobId, wakeup.notify);
  } catch {
    return undefined;
  }
}
