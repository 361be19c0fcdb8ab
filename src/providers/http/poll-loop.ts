import { asProviderError, type ProviderError } from '../errors.js';
import type { RunEvent } from '../types.js';
import type { PollOptions } from './poll-options.js';

/** What one answer of the upstream means: the events to show, whether the task is over, and its status now. */
export interface PollStep<S> {
  events: RunEvent[];
  terminal: boolean;
  state: S;
}

export interface PollLoop<S, A> {
  signal: AbortSignal;
  /** What the submit's answer already said: shown at once, and the first poll then waits. */
  known?: PollStep<S>;
  /** One read of the task's status (retried by the HTTP client like any read). */
  read(signal: AbortSignal): Promise<A>;
  /** The answer as events, given the status seen before it (undefined before the first). */
  interpret(seen: S | undefined, answer: A): PollStep<S>;
  /** The error reported when polling gives up (an adapter may reword its API's errors). */
  reported?(error: ProviderError): ProviderError;
}

/**
 * Reads a task's status with a growing wait until it is over, yielding each answer's events. A passing failure
 * (429, 5xx, network) is read again up to `maxFailedPolls` times in a row, honouring Retry-After; then, or at once for
 * a lasting one, it ends with one `error`. An aborted signal ends the iteration quietly, whatever was read.
 */
export async function* pollUntilOver<S, A>(loop: PollLoop<S, A>, options: PollOptions): AsyncGenerator<RunEvent> {
  const { signal } = loop;
  let seen: S | undefined;
  let delay = options.initialDelayMs;
  let failedPolls = 0;
  let wait = 0;
  if (loop.known) {
    yield* loop.known.events;
    seen = loop.known.state;
    wait = delay;
    delay = nextDelay(delay, options);
  }
  for (;;) {
    if (wait > 0) {
      try {
        await options.sleep(wait, signal);
      } catch {
        return;
      }
    }
    if (signal.aborted) return;
    let failure: ProviderError | undefined;
    try {
      const step = loop.interpret(seen, await loop.read(signal));
      failedPolls = 0;
      seen = step.state;
      for (const event of step.events) {
        // Nothing more once aborted, not even the `done` right after a result.
        if (signal.aborted) return;
        yield event;
      }
      if (step.terminal) return;
    } catch (error) {
      if (signal.aborted) return;
      failure = asProviderError(error);
      if (!failure.retryable || ++failedPolls > options.maxFailedPolls) {
        yield { type: 'error', error: loop.reported?.(failure) ?? failure, partial: false };
        return;
      }
    }
    wait = Math.max(delay, failure?.retryAfterMs ?? 0);
    delay = nextDelay(delay, options);
  }
}

/** The wait after `delay`: grown by `factor`, at most `maxDelayMs`. */
export function nextDelay(delay: number, options: Pick<PollOptions, 'factor' | 'maxDelayMs'>): number {
  return Math.min(Math.round(delay * options.factor), options.maxDelayMs);
}
