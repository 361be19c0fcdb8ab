import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type RunOutcome = 'done' | 'failed' | 'cancelled' | 'interrupted';
/** How one Slack Web API call ended: `rate_limited` when it finally failed on a 429 (retries spent). */
export type SlackCallStatus = 'ok' | 'error' | 'rate_limited';

const PREFIX = 'jsb_';
/** The queue depth is read from Redis; a scrape must not wait on a Redis that is down (BullMQ's client queues commands). */
const QUEUE_DEPTH_TIMEOUT_MS = 1_000;

/**
 * The process's Prometheus metrics, on a registry of its own (tests and several bots in one process do not share
 * the global one). Labels are low-cardinality only: provider ids, outcomes, Slack method names; never a user,
 * channel or run id.
 */
export class Metrics {
  private readonly registry = new Registry();
  private readQueueDepth: (() => Promise<number>) | undefined;
  private readActiveRuns: (() => number) | undefined;

  private readonly runs = new Counter({
    name: `${PREFIX}runs_total`,
    help: 'Runs finished, by provider and outcome.',
    labelNames: ['provider', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly runDuration = new Histogram({
    name: `${PREFIX}run_duration_seconds`,
    help: 'Time from a run starting to its end, by provider and outcome.',
    labelNames: ['provider', 'outcome'] as const,
    buckets: [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 900, 1200, 1800],
    registers: [this.registry],
  });
  private readonly queueWait = new Histogram({
    name: `${PREFIX}run_queue_wait_seconds`,
    help: 'Time from a run being queued to a worker starting it.',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  private readonly slackCalls = new Counter({
    name: `${PREFIX}slack_calls_total`,
    help: 'Slack Web API calls, by method and how they ended.',
    labelNames: ['method', 'status'] as const,
    registers: [this.registry],
  });
  private readonly slackRateLimits = new Counter({
    name: `${PREFIX}slack_rate_limited_total`,
    help: 'HTTP 429 answers from the Slack Web API, retried ones included, by method.',
    labelNames: ['method'] as const,
    registers: [this.registry],
  });

  private readonly queueDepth: Gauge = new Gauge({
    name: `${PREFIX}run_queue_depth`,
    help: 'Runs waiting for a worker (all replicas).',
    registers: [this.registry],
    // On a failed or slow read the last value read stays: the rest of the scrape is still worth having.
    collect: async () => {
      const depth = await this.queueDepthOrUndefined();
      if (depth !== undefined) this.queueDepth.set(depth);
    },
  });
  private readonly activeRuns: Gauge = new Gauge({
    name: `${PREFIX}runs_active`,
    help: 'Runs this process is working on now.',
    registers: [this.registry],
    collect: () => {
      if (this.readActiveRuns) this.activeRuns.set(this.readActiveRuns());
    },
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Where `jsb_run_queue_depth` is read from at each scrape (the engine's count of waiting jobs). */
  setQueueDepth(read: () => Promise<number>): void {
    this.readQueueDepth = read;
  }

  /** Where `jsb_runs_active` is read from at each scrape. */
  setActiveRuns(read: () => number): void {
    this.readActiveRuns = read;
  }

  runFinished(provider: string, outcome: RunOutcome, seconds: number): void {
    this.runs.inc({ provider, outcome });
    this.runDuration.observe({ provider, outcome }, seconds);
  }

  /** A worker started a run that waited `waitSeconds` in the queue. */
  runStarted(waitSeconds: number): void {
    this.queueWait.observe(waitSeconds);
  }

  slackCall(method: string, status: SlackCallStatus): void {
    this.slackCalls.inc({ method, status });
  }

  /** One 429 answer (the Web API client's `rate_limited` event), whether or not the call is retried. */
  slackRateLimited(method: string): void {
    this.slackRateLimits.inc({ method });
  }

  /** The exposition text, for `GET /metrics`. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  private async queueDepthOrUndefined(): Promise<number | undefined> {
    const read = this.readQueueDepth;
    if (!read) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), QUEUE_DEPTH_TIMEOUT_MS);
    });
    try {
      return await Promise.race([read(), timeout]);
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
