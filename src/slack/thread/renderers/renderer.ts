import type { ProgressBatch, StepState } from '../progress-pacer.js';

/** Where a run's thread lives and who it is for (native streams need the recipient outside DMs). */
export interface ThreadTarget {
  channelId: string;
  threadTs: string;
  teamId: string;
  userId: string;
}

export interface FinalState {
  steps: StepState[];
  output: string;
  /** Blocks to show under the progress once the run has ended (hint, notes). */
  footer: import('@slack/types').KnownBlock[];
}

/** Shows one run's progress in its thread. */
export interface ProgressRenderer {
  readonly mode: 'stream' | 'update';
  apply(batch: ProgressBatch): Promise<void>;
  /** Ends the progress display and makes sure the whole output is in the thread. */
  finish(final: FinalState): Promise<void>;
}

/** Thrown by the native renderer when the workspace refuses streaming: the run falls back to edits. */
export class StreamingUnavailableError extends Error {
  override readonly name = 'StreamingUnavailableError';
}
