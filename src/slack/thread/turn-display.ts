import type { Logger } from '@slack/logger';
import type { WebClient } from '@slack/web-api';
import type { RunFile, StepState, TurnDisplay, TurnOutcome } from '../../runs/run-updates.js';
import type { Session } from '../../store/session-schema.js';
import { WRITE_RATES } from './pacing/write-rates.js';
import { postStructured } from './post-structured.js';
import { ProgressPacer, type ProgressBatch } from './progress-pacer.js';
import { finishedFooter } from './render/run-messages.js';
import { StreamingUnavailableError, type ProgressRenderer, type ThreadTarget } from './renderers/renderer.js';
import { StreamRenderer } from './renderers/stream-renderer.js';
import { UpdateRenderer } from './renderers/update-renderer.js';
import { uploadToThread } from './upload-file.js';

export interface TurnDisplayOptions {
  client: WebClient;
  logger: Logger;
  target: ThreadTarget;
  label: string;
  /** Minimum time between two progress writes to Slack for this run. */
  paceMs: number;
  /** How many runs this process is showing now: the workspace's budget for progress writes is shared between them. */
  concurrentRuns: () => number;
  /** Start with chat.update instead of native streaming (e.g. the workspace is known to refuse it). */
  preferUpdates?: boolean;
  /** Shows how the run ended beside the thread (root message, notes); called after the output is in the thread. */
  onEnd: (session: Session, outcome: TurnOutcome) => Promise<void>;
}

/**
 * One run's progress in its thread: steps and text at a paced rate (native stream, falling back to edits when
 * refused), and at the end the whole output, whatever was or was not shown on the way.
 */
export class SlackTurnDisplay implements TurnDisplay {
  private renderer: ProgressRenderer;
  private readonly steps = new Map<string, StepState>();
  private readonly pacer: ProgressPacer;
  /** Text handed to the renderer so far (what the thread shows, or is about to). */
  private written = '';
  private wrote = false;

  constructor(private readonly options: TurnDisplayOptions) {
    const { client, target, label } = options;
    this.renderer = options.preferUpdates ? new UpdateRenderer(client, target, label) : new StreamRenderer(client, target);
    // Each run takes its share of the workspace's rate for its progress method, so that writes seldom queue in the
    // Slack pacing point (a queued write would also hold back the run's final output).
    this.pacer = new ProgressPacer(
      (batch) => this.write(batch),
      () => {
        const method = this.renderer.mode === 'stream' ? 'chat.appendStream' : 'chat.update';
        const perMinute = WRITE_RATES[method]?.perMinute ?? 60;
        return Math.max(options.paceMs, (options.concurrentRuns() * 60_000) / perMinute);
      },
    );
  }

  step(step: StepState): void {
    this.steps.set(step.id, step);
    this.pacer.step(step);
  }

  text(delta: string): void {
    this.pacer.append(delta);
  }

  async end(session: Session, outcome: TurnOutcome): Promise<void> {
    const succeeded = outcome.status === 'done';
    await this.settle();
    const steps = [...this.steps.values()].map((step) =>
      step.status === 'running' ? { ...step, status: succeeded ? ('completed' as const) : ('failed' as const) } : step,
    );
    try {
      await this.renderer.finish({ steps, output: outcome.output, footer: succeeded ? finishedFooter(session) : [] });
    } catch (error) {
      this.logWriteError(error);
    }
    if (outcome.status === 'done' && outcome.structured !== undefined) await postStructured(this.options.client, this.options.logger, this.options.target, outcome.structured);
    await this.options.onEnd(session, outcome);
  }

  async attach(file: RunFile): Promise<boolean> {
    try {
      await uploadToThread(this.options.client, this.options.target, { name: file.name, content: file.content, comment: `A file from the run: ${file.name}` });
      return true;
    } catch (error) {
      this.options.logger.warn(`Could not upload ${file.name} to the thread: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  async abandon(): Promise<void> {
    await this.settle();
    // What was shown stays; nothing more is posted (the replica that takes the run over shows the rest).
    await this.renderer.finish({ steps: [...this.steps.values()], output: this.written, footer: [] }).catch((error: unknown) => this.logWriteError(error));
  }

  /**
   * Stops pacing. What the pacer still holds is covered by the final state (every step, the whole output), unless
   * nothing was shown yet (a run faster than the first write): then it opens the display, which the final state closes.
   */
  private async settle(): Promise<void> {
    const rest = await this.pacer.settle();
    if (!this.wrote && (rest.steps.length > 0 || rest.text)) await this.write(rest);
  }

  private async write(batch: ProgressBatch): Promise<void> {
    const { client, target, label, logger } = this.options;
    this.wrote = true;
    this.written += batch.text;
    try {
      await this.renderer.apply(batch);
    } catch (error) {
      if (!(error instanceof StreamingUnavailableError)) return this.logWriteError(error);
      logger.info(`Native streaming refused; falling back to message edits (${error.message})`);
      this.renderer = new UpdateRenderer(client, target, label);
      await this.renderer.apply({ steps: [...this.steps.values()], text: this.written }).catch((e: unknown) => this.logWriteError(e));
    }
  }

  private logWriteError(error: unknown): void {
    this.options.logger.warn(`Could not update run progress in Slack: ${error instanceof Error ? error.message : String(error)}`);
  }
}
