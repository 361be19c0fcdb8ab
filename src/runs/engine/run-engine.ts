/** Where turns run: BullMQ jobs shared by every replica on one Redis, or an in-process pool without Redis. */

export interface TurnJob {
  sessionId: string;
  turnId: string;
}

/** Why a job's signal aborted: a person's Cancel, a hand-over to another replica, or a shutdown with nobody to take it. */
export type StopReason = 'cancel' | 'handover' | 'shutdown';

export interface JobControl {
  signal: AbortSignal;
  /** Set once the signal has aborted. */
  readonly reason: StopReason | undefined;
  /** When the job was queued (for the queue-wait metric). */
  readonly queuedAt: number;
}

export type TurnProcessor = (job: TurnJob, control: JobControl) => Promise<void>;

export type JobState = 'waiting' | 'active' | 'finished' | 'missing';

/** Thrown by a processor that stopped for a hand-over: the engine puts the job back for another replica. */
export class HandoverError extends Error {
  override readonly name = 'HandoverError';
  constructor() {
    super('The run was handed over to another worker.');
  }
}

export interface RunEngine {
  readonly kind: 'bullmq' | 'local';
  /** Queues a turn; a turn already queued or running is not queued twice. */
  enqueue(job: TurnJob): Promise<void>;
  /** Queues a turn whose job finished without finishing the turn (it gave up): the old job record is replaced. */
  requeue(job: TurnJob): Promise<void>;
  /** Stops the turn wherever it runs (every replica hears it). */
  cancel(job: TurnJob): Promise<void>;
  state(job: TurnJob): Promise<JobState>;
  /** Starts taking turns (a worker process); without it the engine only queues. */
  work(processor: TurnProcessor): Promise<void>;
  /** Turns this process is working on now. */
  activeCount(): number;
  /** Turns waiting for a worker, all replicas. */
  waitingCount(): Promise<number>;
  worker(): { enabled: boolean; connected: boolean };
  /**
   * Takes no new turns, gives running ones `graceMs` to finish, then stops the rest (handed over to another replica
   * where there is one, interrupted otherwise).
   */
  drain(graceMs: number): Promise<void>;
  close(): Promise<void>;
}
