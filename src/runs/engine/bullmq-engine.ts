import type { Logger } from '@slack/logger';
import { Queue, WaitingError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { RunningJobs, StoppableJob } from './job-controls.js';
import { jobId } from './local-engine.js';
import { HandoverError, type JobState, type RunEngine, type TurnJob, type TurnProcessor } from './run-engine.js';

export interface BullmqEngineOptions {
  redisUrl: string;
  /** Key prefix shared with the rest of the bot's keys (REDIS_PREFIX). */
  prefix: string;
  concurrency: number;
  /** A job whose worker stops renewing its lock for this long is picked up by another replica. */
  lockMs: number;
  logger: Logger;
}

const QUEUE = 'runs';
/**
 * How often a stalled job (its worker died) may be picked up again before BullMQ gives it up as failed. The job itself
 * never submits a run twice (it checks the turn's saved phase), so picking it up again is always safe.
 */
const MAX_STALLED = 5;

/**
 * Turns as BullMQ jobs on the bot's Redis: any replica's worker takes them, a dead worker's jobs are picked up by the
 * others (stalled-job check), and Cancel reaches the replica running the turn through a Redis channel.
 */
export class BullmqEngine implements RunEngine {
  readonly kind = 'bullmq';
  private readonly queue: Queue;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly running = new RunningJobs();
  private readonly cancelChannel: string;
  private workerInstance?: Worker;
  private workerConnection?: Redis;

  constructor(private readonly options: BullmqEngineOptions) {
    const prefix = `${options.prefix}:bull`;
    // Fail fast while Redis is down (a Slack request must not wait on it); the worker's connection retries forever.
    this.queue = new Queue(QUEUE, { connection: new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }), prefix });
    this.queue.on('error', (error) => options.logger.warn(`Run queue: ${error.message}`));
    this.publisher = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.subscriber = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    for (const client of [this.publisher, this.subscriber]) client.on('error', (error: Error) => options.logger.warn(`Run engine: ${error.message}`));
    this.cancelChannel = `${options.prefix}:runs:cancel`;
    this.subscriber.on('message', (_channel: string, id: string) => this.running.stop(id, 'cancel'));
    void this.subscriber.subscribe(this.cancelChannel).catch((error: unknown) => options.logger.warn(`Run engine could not listen for Cancel: ${String(error)}`));
  }

  async enqueue(job: TurnJob): Promise<void> {
    await this.queue.add('turn', job, {
      jobId: jobId(job),
      attempts: 1,
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  async requeue(job: TurnJob): Promise<void> {
    await this.queue.remove(jobId(job));
    await this.enqueue(job);
  }

  async cancel(job: TurnJob): Promise<void> {
    await this.publisher.publish(this.cancelChannel, jobId(job));
  }

  async state(job: TurnJob): Promise<JobState> {
    const state = await this.queue.getJobState(jobId(job));
    if (state === 'unknown') return 'missing';
    if (state === 'completed' || state === 'failed') return 'finished';
    return state === 'active' ? 'active' : 'waiting';
  }

  async work(processor: TurnProcessor): Promise<void> {
    const { redisUrl, prefix, concurrency, lockMs, logger } = this.options;
    this.workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const worker = new Worker<TurnJob>(QUEUE, (job, token) => this.process(processor, job, token), {
      connection: this.workerConnection,
      prefix: `${prefix}:bull`,
      concurrency,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      maxStalledCount: MAX_STALLED,
    });
    worker.on('error', (error) => logger.warn(`Run worker: ${error.message}`));
    // Another worker holds the job now (this one lost its lock, e.g. through a Redis outage): stop here, silently.
    worker.on('lockRenewalFailed', (ids) => ids.forEach((id) => this.running.stop(id, 'handover')));
    worker.on('failed', (job, error) => job && logger.warn(`Run job ${job.id} failed: ${error.message}`));
    this.workerInstance = worker;
    await worker.waitUntilReady();
  }

  activeCount(): number {
    return this.running.size;
  }

  waitingCount(): Promise<number> {
    return this.queue.getWaitingCount();
  }

  worker() {
    const worker = this.workerInstance;
    const connected = worker !== undefined && worker.isRunning() && this.workerConnection?.status === 'ready';
    return { enabled: worker !== undefined, connected };
  }

  async drain(graceMs: number): Promise<void> {
    const worker = this.workerInstance;
    if (!worker) return;
    // Stop fetching; the running turns go on for the grace time, then go back to the queue for another replica.
    const closing = worker.close();
    if (!(await this.running.settled(graceMs))) {
      this.running.stopAll('handover');
      await this.running.settled(10_000);
    }
    await closing;
  }

  async close(): Promise<void> {
    await this.workerInstance?.close(true);
    await Promise.allSettled([this.queue.close(), this.publisher.quit(), this.subscriber.quit()]);
  }

  private async process(processor: TurnProcessor, job: Job<TurnJob>, token: string | undefined): Promise<void> {
    const id = job.id ?? jobId(job.data);
    const control = new StoppableJob(job.timestamp);
    const done = processor(job.data, control);
    this.running.add(id, control, done);
    try {
      await done;
    } catch (error) {
      if (!(error instanceof HandoverError)) throw error;
      // Straight back to the queue (not left to the stalled check): another replica takes it at once.
      await job.moveToWait(token);
      throw new WaitingError();
    }
  }
}
