import type { WebClient } from '@slack/web-api';
import type { ProgressBatch, StepState } from '../progress-pacer.js';
import { escapeMrkdwn } from '../../../forms/untrusted.js';
import { postOutput } from '../post-output.js';
import { progressBlocks } from '../render/progress-blocks.js';
import type { FinalState, ProgressRenderer, ThreadTarget } from './renderer.js';

/**
 * The fallback when a workspace refuses native streaming: one progress message in the thread, edited with
 * `chat.update` (paced by the caller), and the output posted whole when the run ends.
 */
export class UpdateRenderer implements ProgressRenderer {
  readonly mode = 'update';
  private ts?: string;
  private readonly steps = new Map<string, StepState>();
  private text = '';

  constructor(
    private readonly client: WebClient,
    private readonly target: ThreadTarget,
    private readonly label: string,
  ) {}

  async apply(batch: ProgressBatch): Promise<void> {
    for (const step of batch.steps) this.steps.set(step.id, step);
    this.text += batch.text;
    await this.render(progressBlocks([...this.steps.values()], this.text, true), `Working on ${escapeMrkdwn(this.label)}…`);
  }

  async finish(final: FinalState): Promise<void> {
    const blocks = [...progressBlocks(final.steps, '', false), ...final.footer];
    // The output is posted whatever happened to the last edit (refused, rate-limited, message deleted).
    let editFailure: unknown;
    await this.render(blocks, `${escapeMrkdwn(this.label)}: finished`).catch((error: unknown) => (editFailure = error));
    await postOutput(this.client, this.target, final.output);
    if (editFailure) throw editFailure;
  }

  private async render(blocks: ReturnType<typeof progressBlocks>, text: string): Promise<void> {
    if (this.ts) {
      await this.client.chat.update({ channel: this.target.channelId, ts: this.ts, text, blocks });
      return;
    }
    const posted = await this.client.chat.postMessage({
      channel: this.target.channelId,
      thread_ts: this.target.threadTs,
      text,
      blocks,
    });
    this.ts = posted.ts;
  }
}
