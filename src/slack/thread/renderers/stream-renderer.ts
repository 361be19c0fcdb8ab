import type { AnyChunk, TaskUpdateChunk } from '@slack/types';
import type { ChatStreamer, WebClient } from '@slack/web-api';
import type { ProgressBatch, StepState } from '../progress-pacer.js';
import { escapeMrkdwn, MarkdownNeutraliser } from '../../../forms/untrusted.js';
import { postOutput } from '../post-output.js';
import { slackErrorCode } from '../slack-errors.js';
import { nestSteps, stepIndent } from '../render/step-tree.js';
import { StreamingUnavailableError, type FinalState, type ProgressRenderer, type ThreadTarget } from './renderer.js';

/** Text one streamed message takes before the run continues in a fresh one (markdown_text holds 12,000). */
const TEXT_PER_STREAM = 10_000;
/** Slack closes a stream after about five minutes; start a fresh one before that. */
const STREAM_MAX_AGE_MS = 4 * 60 * 1000;

/**
 * Slack's native agent streaming (the SDK's `chatStream`): steps as `task_update` chunks in a timeline, then the
 * output as `markdown_text`. A long run continues in a fresh stream before Slack closes the old one.
 */
export class StreamRenderer implements ProgressRenderer {
  readonly mode = 'stream';
  private streamer: ChatStreamer;
  private started = false;
  private startedAt = Date.now();
  private charsInStream = 0;
  private shown = '';
  /** Upstream text is untrusted: no mention or link may form from it, even across chunks of one stream. */
  private neutraliser = new MarkdownNeutraliser();
  /**
   * Set when an append failed for good: nothing more is streamed, so what the stream shows stays a prefix of the
   * output and `finish` posts the rest after it (never a gap, never a second copy).
   */
  private broken = false;
  /** Every step seen, for a subjob's depth and its parent's name. */
  private readonly steps = new Map<string, StepState>();

  constructor(
    private readonly client: WebClient,
    private readonly target: ThreadTarget,
  ) {
    this.streamer = this.open();
  }

  async apply(batch: ProgressBatch): Promise<void> {
    if (this.broken) return;
    if (this.started && Date.now() - this.startedAt > STREAM_MAX_AGE_MS) await this.rotate();
    let chunks: AnyChunk[] = this.taskChunks(batch.steps);
    let text = batch.text;
    do {
      const room = TEXT_PER_STREAM - this.charsInStream;
      const head = cutAtBoundary(text, room);
      if (head) chunks = [...chunks, { type: 'markdown_text', text: this.neutraliser.push(head) }];
      if (chunks.length > 0) await this.send(chunks);
      this.charsInStream += head.length;
      this.shown += head;
      text = text.slice(head.length);
      chunks = [];
      if (text) await this.rotate();
    } while (text);
  }

  async finish(final: FinalState): Promise<void> {
    // Output not streamed yet (held back by pacing, or lost to a failed append) goes into the final call when it
    // fits, and otherwise into ordinary messages after it: either way the thread ends up with all of it, once.
    let unseen = final.output.slice(this.shown.length);
    if (this.started) {
      const tail = !this.broken && unseen.length <= TEXT_PER_STREAM - this.charsInStream ? unseen : '';
      const chunks: AnyChunk[] = [...(tail ? [{ type: 'markdown_text' as const, text: this.neutraliser.push(tail) }] : []), ...this.taskChunks(final.steps)];
      try {
        await this.streamer.stop({ chunks, blocks: final.footer });
        unseen = unseen.slice(tail.length);
      } catch {
        // A refused stop leaves the streamed text in place; the rest is posted below.
      }
    }
    await postOutput(this.client, this.target, unseen);
  }

  /** The steps as timeline tasks: a subjob's title is indented under its parent, and its details name the parent. */
  private taskChunks(steps: readonly StepState[]): TaskUpdateChunk[] {
    // Slack appends a task's details across its updates: the parent is named once, when the task first shows.
    const fresh = new Set(steps.filter((step) => !this.steps.has(step.id)).map((step) => step.id));
    for (const step of steps) this.steps.set(step.id, step);
    const changed = new Set(steps.map((step) => step.id));
    return nestSteps([...this.steps.values()])
      .filter(({ step }) => changed.has(step.id))
      .map(({ step, depth, parent }) => taskChunk(step, depth, fresh.has(step.id) ? parent : undefined));
  }

  private async send(chunks: AnyChunk[]): Promise<void> {
    try {
      await this.streamer.append({ chunks });
      this.started = true;
    } catch (error) {
      if (!this.started) throw new StreamingUnavailableError(`chat.startStream refused: ${slackErrorCode(error) ?? String(error)}`);
      if (slackErrorCode(error) !== 'message_not_in_streaming_state') {
        this.broken = true;
        throw error;
      }
      // Slack closed the stream (age or a user's Stop): carry on in a fresh one.
      this.streamer = this.open();
      this.started = false;
      await this.send(chunks);
    }
  }

  private async rotate(): Promise<void> {
    if (this.started) await this.streamer.stop().catch(() => undefined);
    this.streamer = this.open();
    this.started = false;
  }

  private open(): ChatStreamer {
    this.neutraliser = new MarkdownNeutraliser();
    this.startedAt = Date.now();
    this.charsInStream = 0;
    return this.client.chatStream({
      channel: this.target.channelId,
      thread_ts: this.target.threadTs,
      recipient_team_id: this.target.teamId,
      recipient_user_id: this.target.userId,
      task_display_mode: 'timeline',
      buffer_size: 1,
    });
  }
}

const TASK_STATUS = { running: 'in_progress', completed: 'complete', failed: 'error' } as const;

/** `parent` is given only for the task's first update (see taskChunks). */
function taskChunk(step: StepState, depth: number, parent: StepState | undefined): TaskUpdateChunk {
  const details = step.description ?? (parent ? `Part of: ${parent.label}` : undefined);
  return {
    type: 'task_update',
    id: step.id,
    title: `${stepIndent(depth)}${escapeMrkdwn(step.label.slice(0, 140)) || 'Working'}`,
    status: TASK_STATUS[step.status],
    ...(details ? { details: escapeMrkdwn(details.slice(0, 1_000)) } : {}),
  };
}

/** The longest head of `text` within `max` characters, ending at a line break or space when one is near. */
export function cutAtBoundary(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  const window = text.slice(0, max);
  const newline = window.lastIndexOf('\n');
  const space = window.lastIndexOf(' ');
  let end = newline > max / 2 ? newline + 1 : space > max / 2 ? space + 1 : max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}
