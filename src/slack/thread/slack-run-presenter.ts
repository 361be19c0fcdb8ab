import type { Logger } from '@slack/logger';
import type { WebClient } from '@slack/web-api';
import { summariseInputs } from '../../forms/input-summary.js';
import type { RunContext, RunPresenter, TurnDisplay, TurnOutcome } from '../../runs/run-updates.js';
import type { Session } from '../../store/session-schema.js';
import { explainError } from './explain-error.js';
import type { ProviderSettings } from '../../providers/types.js';
import { postOutput } from './post-output.js';
import { postStructured } from './post-structured.js';
import { cancelledMessage, failureMessage, finishedFooter, interruptedMessage, resumedMessage, rootMessage } from './render/run-messages.js';
import { swapRunReaction } from './run-reaction.js';
import { SlackTurnDisplay } from './turn-display.js';

export interface SlackRunPresenterOptions {
  client: WebClient;
  logger: Logger;
  /** Minimum time between two progress writes for one run. */
  paceMs: number;
  /** Runs this process is showing now (they share the workspace's write rate). */
  concurrentRuns: () => number;
  preferUpdates?: boolean;
  /** The settings of a provider by id, so that a failure names that provider's own (`JARVIS_API_KEY`). */
  settingsOf: (providerId: string) => ProviderSettings | undefined;
  /** The slash command, for the hints failures give. */
  command: string;
}

/** A run as Slack shows it: the root message's status, progress and output in the thread, and how it ended. */
export class SlackRunPresenter implements RunPresenter {
  constructor(private readonly options: SlackRunPresenterOptions) {}

  begin(context: RunContext, how: { resumed: boolean }): TurnDisplay {
    const { session } = context;
    const threadTs = session.threadTs;
    if (!threadTs) throw new Error(`Session ${session.id} has no thread`);
    // Not awaited: the upstream call must not wait behind Slack's pacing. The first turn's root was just posted as
    // running, so only later turns (and a run picked up again) update it.
    if (session.turns.length > 1 || how.resumed) void this.updateRoot(context, session);
    if (how.resumed) void this.post(session, resumedMessage());
    // Awaited before the end's swap, so that the end's mark never lands before the working one.
    const working = swapRunReaction(this.options.client, this.options.logger, session, session.turns.at(-2)?.status, 'running');
    return new SlackTurnDisplay({
      ...this.options,
      target: { channelId: session.channelId, threadTs, teamId: session.teamId, userId: session.userId },
      label: context.task.name,
      onEnd: async (saved, outcome) => {
        await working;
        await this.showEnd(context, saved, outcome);
      },
    });
  }

  async ended(context: RunContext, outcome: TurnOutcome): Promise<void> {
    const { session } = context;
    if (outcome.status === 'done' && session.threadTs) {
      const target = { channelId: session.channelId, threadTs: session.threadTs, teamId: session.teamId, userId: session.userId };
      await postOutput(this.options.client, target, outcome.output);
      if (outcome.structured !== undefined) await postStructured(this.options.client, this.options.logger, target, outcome.structured);
      await this.post(session, { text: session.turns.length <= 1 ? 'Reply in this thread to change it.' : 'Keep writing', blocks: finishedFooter(session) });
    }
    await this.showEnd(context, session, outcome);
  }

  /** The root message's status, and for a run that did not finish, why, with Retry. */
  private async showEnd(context: RunContext, session: Session, outcome: TurnOutcome): Promise<void> {
    await this.updateRoot(context, session);
    await swapRunReaction(this.options.client, this.options.logger, session, 'running', outcome.status);
    await this.clearAssistantStatus(session);
    const turnId = context.turn.id;
    if (outcome.status === 'failed') await this.post(session, failureMessage(session.id, turnId, explainError(outcome.error, context.agent, { settings: this.options.settingsOf(session.provider), command: this.options.command }), outcome.partial));
    else if (outcome.status === 'cancelled') await this.post(session, cancelledMessage(session.id, turnId, outcome.cancelledBy, outcome.output.length > 0));
    else if (outcome.status === 'interrupted') await this.post(session, interruptedMessage(session.id, turnId));
  }

  /**
   * In a DM (and so the assistant pane) the "is working on it…" status would otherwise stay up to two minutes after
   * the run ended; outside an assistant thread Slack refuses the call, which changes nothing.
   */
  private async clearAssistantStatus(session: Session): Promise<void> {
    if (!session.threadTs || !session.channelId.startsWith('D')) return;
    await this.options.client.assistant.threads.setStatus({ channel_id: session.channelId, thread_ts: session.threadTs, status: '' }).catch(() => undefined);
  }

  private async updateRoot(context: RunContext, session: Session): Promise<void> {
    if (!session.statusTs) return;
    try {
      await this.options.client.chat.update({
        channel: session.channelId,
        ts: session.statusTs,
        ...rootMessage(session, summariseInputs(context.task, session.values), context.agent),
      });
    } catch (error) {
      this.options.logger.warn(`Could not update the root message of session ${session.id}: ${String(error)}`);
    }
  }

  private async post(session: Session, message: { text: string; blocks: import('@slack/types').KnownBlock[] }): Promise<void> {
    if (!session.threadTs) return;
    await this.options.client.chat
      .postMessage({ channel: session.channelId, thread_ts: session.threadTs, ...message })
      .catch((error: unknown) => this.options.logger.warn(`Could not post in the thread of session ${session.id}: ${String(error)}`));
  }
}
