import type { Logger } from '@slack/logger';
import { RunningJobs, StoppableJob } from './job-controls.js';
import { HandoverError, type JobState, type RunEngine, type TurnJob, type TurnProcessor } from './run-engine.js';

/**
 * The engine without Redis: turns run in this process, at most `concurrency` at once, the rest wait in order.
 * Nothing here survives a restart (the in-memory store does not either); a warning at start says so.
 */
export class LocalEngine implements RunEngine {
  readonly kind = 'local';
  private readonly waiting: Array<{ job: TurnJob; queuedAt: number }> = [];
  private readonly running = new RunningJobs();
  /** Waiting or running: a turn is not queued twice. */
  private readonly known = new Set<string>();
  private processor?: TurnProcessor;
  private draining = false;

  constructor(
    private readonly options: { concurrency: number; logger: Logger },
  ) {}

  async enqueue(job: TurnJob): Promise<void> {
    const id = jobId(job);
    if (this.known.has(id)) return;
    this.known.add(id);
    this.waiting.push({ job, queuedAt: Date.now() });
    this.pump();
  }

  requeue(job: TurnJob): Promise<void> {
    return this.enqueue(job);
  }

  async cancel(job: TurnJob): Promise<void> {
    this.running.stop(jobId(job), 'cancel');
  }

  async state(job: TurnJob): Promise<JobState> {
    const id = jobId(job);
    if (this.running.has(id)) return 'active';
    return this.known.has(id) ? 'waiting' : 'missing';
  }

  async work(processor: TurnProcessor): Promise<void> {
    this.processor = processor;
    this.pump();
  }

  activeCount(): number {
    return this.running.size;
  }

  async waitingCount(): Promise<number> {
    return this.waiting.length;
  }

  worker() {
    return { enabled: this.processor !== undefined, connected: this.processor !== undefined && !this.draining };
  }

  async drain(graceMs: number): Promise<void> {
    this.draining = true;
    if (!(await this.running.settled(graceMs))) {
      // Nobody else can take them: they stop here and say they were interrupted.
      this.running.stopAll('shutdown');
      await this.running.settled(10_000);
    }
  }

  async close(): Promise<void> {
    this.draining = true;
    this.waiting.length = 0;
  }

  private pump(): void {
    const processor = this.processor;
    if (!processor) return;
    while (!this.draining && this.running.size < this.options.concurrency && this.waiting.length > 0) {
      const next = this.waiting.shift();
      if (!next) break;
      const id = jobId(next.job);
      const control = new StoppableJob(next.queuedAt);
      const done = processor(next.job, control)
        .catch((error: unknown) => {
          if (!(error instanceof HandoverError)) this.options.logger.error(`A run failed unexpectedly: ${String(error)}`);
        })
        .finally(() => {
          this.known.delete(id);
          queueMicrotask(() => this.pump());
        });
      this.running.add(id, control, done);
    }
  }
}

export const jobId = (job: TurnJob) => `t-${job.turnId}`;
