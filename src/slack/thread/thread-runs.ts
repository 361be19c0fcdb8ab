import type { WebClient } from '@slack/web-api';
import type { TaskCatalogue } from '../../catalogue/task-catalogue.js';
import { summariseInputs } from '../../forms/input-summary.js';
import type { NewSession, RunLifecycle } from '../../runs/run-lifecycle.js';
import { withBriefRetry } from '../../runs/store-retry.js';
import type { Session } from '../../store/session-schema.js';
import type { Claims } from '../services/claims.js';
import { notStartedMessage, rootMessage } from './render/run-messages.js';
import { slackErrorCode } from './slack-errors.js';

export type StartResult =
  | { ok: true; session: Session }
  /** The root message could not be posted (e.g. the bot is not in the channel); the session keeps the inputs. */
  | { ok: false; session: Session; slackError: string };

export interface ThreadRunsOptions {
  lifecycle: RunLifecycle;
  client: WebClient;
  catalogues: ReadonlyMap<string, TaskCatalogue>;
  claims: Claims;
}

/**
 * Runs as the Slack surfaces start them: a session's root message is posted in the channel (the thread every turn
 * lives in), then its first turn is queued. The rest goes straight to the run lifecycle.
 */
export class ThreadRuns {
  readonly continueWith: RunLifecycle['continueWith'];
  readonly retry: RunLifecycle['retry'];
  readonly rerun: RunLifecycle['rerun'];
  readonly cancel: RunLifecycle['cancel'];
  readonly isRunning: RunLifecycle['isRunning'];

  constructor(private readonly options: ThreadRunsOptions) {
    const { lifecycle } = options;
    this.continueWith = lifecycle.continueWith.bind(lifecycle);
    this.retry = lifecycle.retry.bind(lifecycle);
    this.rerun = lifecycle.rerun.bind(lifecycle);
    this.cancel = lifecycle.cancel.bind(lifecycle);
    this.isRunning = lifecycle.isRunning.bind(lifecycle);
  }

  /** Creates the session, posts its root message in the channel, and starts the run in its thread. */
  async start(run: NewSession): Promise<StartResult> {
    return this.postRootAndRun(await this.options.lifecycle.create(run));
  }

  /** Tries again to post a session whose root message could not be posted (after the bot was invited). */
  async retryPost(sessionId: string): Promise<StartResult | undefined> {
    // One attempt at a time, whichever replica the clicks reach: two at once must not post two root messages.
    const claim = `retry-post:${sessionId}`;
    if (!(await this.options.claims.once(claim, 30_000))) return undefined;
    try {
      const session = await this.options.lifecycle.get(sessionId);
      if (!session || session.statusTs) return undefined;
      return await this.postRootAndRun(session);
    } finally {
      await this.options.claims.release(claim).catch(() => undefined);
    }
  }

  private async postRootAndRun(session: Session): Promise<StartResult> {
    const catalogue = this.options.catalogues.get(session.provider);
    if (!catalogue) throw new Error(`No provider "${session.provider}" is configured`);
    const task = await catalogue.get(session.taskId);
    try {
      const posted = await this.options.client.chat.postMessage({
        channel: session.channelId,
        ...(session.threadTs ? { thread_ts: session.threadTs } : {}),
        ...rootMessage(session, summariseInputs(task, session.values), catalogue.provider.displayName),
      });
      if (!posted.ts) throw new Error('chat.postMessage answered without a ts');
      // A user id as the channel posts in the app's DM with them: the thread lives in that DM's channel.
      const where = { channelId: posted.channel ?? session.channelId, threadTs: session.threadTs ?? posted.ts, statusTs: posted.ts };
      try {
        // The card is in the channel now: a short store outage is waited out rather than leaving it "Running…" unrun.
        const saved = await withBriefRetry(() => this.options.lifecycle.attachThread(session.id, where));
        await withBriefRetry(() => this.options.lifecycle.begin(saved.id, saved.userId));
        return { ok: true, session: saved };
      } catch (error) {
        const card = notStartedMessage(session, summariseInputs(task, session.values), catalogue.provider.displayName);
        await this.options.client.chat.update({ channel: where.channelId, ts: posted.ts, ...card }).catch(() => undefined);
        throw error;
      }
    } catch (error) {
      const code = slackErrorCode(error);
      if (!code) throw error;
      return { ok: false, session, slackError: code };
    }
  }
}
