import type { StepState } from '../../runs/run-updates.js';

export type { StepState };

/** What changed since the last flush: the latest state of each changed step, and the text appended. */
export interface ProgressBatch {
  steps: StepState[];
  text: string;
}

/**
 * Coalesces run progress so that Slack sees at most one write per interval per run: step updates merge (the latest
 * state wins), text deltas concatenate, and writes never overlap. The first change is written at once.
 */
export class ProgressPacer {
  private steps = new Map<string, StepState>();
  private text = '';
  private timer?: NodeJS.Timeout;
  private writing?: Promise<void>;
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private settled = false;
  /** The first text is written without waiting out the interval: people should see words as soon as there are some. */
  private textSeen = false;

  constructor(
    private readonly write: (batch: ProgressBatch) => Promise<void>,
    /** The least time between two writes, asked again before each (it grows with the number of runs going). */
    private readonly intervalMs: () => number,
  ) {}

  step(step: StepState): void {
    this.steps.set(step.id, step);
    this.schedule();
  }

  append(delta: string): void {
    this.text += delta;
    if (!this.textSeen && delta) {
      this.textSeen = true;
      if (!this.writing && !this.settled) {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.flush();
        return;
      }
    }
    this.schedule();
  }

  /**
   * Stops pacing: waits for a write in flight and hands back what was not written yet, so that the caller can put
   * it into its final write instead of spending one more Slack call on it.
   */
  async settle(): Promise<ProgressBatch> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.settled = true;
    while (this.writing) await this.writing;
    const rest: ProgressBatch = { steps: [...this.steps.values()], text: this.text };
    this.steps = new Map();
    this.text = '';
    return rest;
  }

  private hasPending(): boolean {
    return this.steps.size > 0 || this.text.length > 0;
  }

  private schedule(): void {
    if (this.timer || this.writing || this.settled) return;
    const wait = Math.max(0, this.lastWriteAt + this.intervalMs() - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  private flush(): void {
    if (!this.hasPending()) return;
    const batch: ProgressBatch = { steps: [...this.steps.values()], text: this.text };
    this.steps = new Map();
    this.text = '';
    this.lastWriteAt = Date.now();
    this.writing = this.write(batch).finally(() => {
      this.writing = undefined;
      if (this.hasPending()) this.schedule();
    });
  }
}
