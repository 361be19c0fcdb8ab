/** How a polled adapter follows an upstream task (each adapter sets its own defaults). */
export interface PollOptions {
  /** Wait before the first poll after the submit, and between the first polls. */
  initialDelayMs: number;
  /** The wait grows by `factor` after each poll up to this. */
  maxDelayMs: number;
  factor: number;
  /**
   * Polls in a row that may fail with a passing problem (429, 5xx, network, time-out) before the run reports it.
   * The task goes on upstream whatever we see, and a reported failure invites a Retry, which would submit it again.
   */
  maxFailedPolls: number;
  /** Rejects when the signal aborts; tests may swap it. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}
