import type { JobControl, StopReason } from './run-engine.js';

/** A running job's abort controller with the reason it was stopped for. */
export class StoppableJob implements JobControl {
  private readonly controller = new AbortController();
  private stopReason: StopReason | undefined;
  readonly signal = this.controller.signal;

  constructor(readonly queuedAt: number) {}

  get reason(): StopReason | undefined {
    return this.stopReason;
  }

  stop(reason: StopReason): void {
    if (this.signal.aborted) return;
    this.stopReason = reason;
    this.controller.abort(reason);
  }
}

/** The jobs this process is working on, by job id: what Cancel and drain reach. */
export class RunningJobs {
  private readonly jobs = new Map<string, { job: StoppableJob; done: Promise<unknown> }>();

  get size(): number {
    return this.jobs.size;
  }

  add(id: string, job: StoppableJob, done: Promise<unknown>): void {
    this.jobs.set(id, { job, done });
    void done.finally(() => this.jobs.get(id)?.job === job && this.jobs.delete(id)).catch(() => undefined);
  }

  has(id: string): boolean {
    return this.jobs.has(id);
  }

  stop(id: string, reason: StopReason): void {
    this.jobs.get(id)?.job.stop(reason);
  }

  stopAll(reason: StopReason): void {
    for (const { job } of this.jobs.values()) job.stop(reason);
  }

  /** Resolves when every job running now has finished, or after `ms`; true when none is left. */
  async settled(ms: number): Promise<boolean> {
    const all = Promise.allSettled([...this.jobs.values()].map(({ done }) => done));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    await Promise.race([all, timeout]);
    clearTimeout(timer);
    return this.jobs.size === 0;
  }
}
