import { randomUUID } from 'node:crypto';
import type { Logger } from '@slack/logger';
import type { WebClient } from '@slack/web-api';
import type { TaskCatalogue } from '../catalogue/task-catalogue.js';
import { summariseInputs } from '../forms/input-summary.js';
import { asProviderError } from '../providers/errors.js';
import type { BrandSettings, InputValues, RunRequest, TaskDefinition } from '../providers/types.js';
import type { SessionRepository } from '../store/session-repository.js';
import type { QueuedReply, Session } from '../store/session-schema.js';
import type { ActiveRuns } from '../store/active-runs.js';
import { claimOnce } from '../store/claims.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import type { TaskUsage } from '../store/task-usage.js';
import { explainError } from './explain-error.js';
import { cancelledMessage, failureMessage, interruptedMessage, rootMessage } from './render/run-messages.js';
import { executeTurn } from './run-turn.js';
import { slackErrorCode } from './slack-errors.js';

export interface NewRun {
  task: TaskDefinition;
  values: InputValues;
  extraText?: string;
  brand?: BrandSettings;
  teamId: string;
  userId: string;
  channelId: string;
  /** Run in this existing thread (a conversation's) instead of under a new root message. */
  threadTs?: string;
}

export type StartResult =
  | { ok: true; session: Session }
  /** The root message could not be posted (e.g. the bot is not in the channel); the session keeps the inputs. */
  | { ok: false; session: Session; slackError: string };

export interface RunServiceOptions {
  client: WebClient;
  sessions: SessionRepository;
  /** Task catalogues by provider id. */
  catalogues: ReadonlyMap<string, TaskCatalogue>;
  logger: Logger;
  /** Minimum time between two progress writes for one run (Slack allows about one message a second per channel). */
  paceMs?: number;
  preferUpdates?: boolean;
  /** Counts runs per task (most-used ordering); a failure to count never stops a run. */
  usage?: TaskUsage;
  /** Which sessions have a run in progress, kept in the store for recovery after a crash. */
  activeRuns?: ActiveRuns;
  /** Keyed claims (de-duplication) in the store. */
  store?: KeyValueStore;
  /** Told of every new session, for the user's recent runs; a failure here never stops a run. */
  recent?: { addRecentSession(userId: string, sessionId: string): Promise<unknown> };
}

interface ActiveRun {
  controller: AbortController;
  cancelledBy?: string;
  /** Set once the run has ended and said so: the thread may take its next run while this one is being saved. */
  settled?: boolean;
  done: Promise<void>;
}

/** Starts runs, continues sessions, cancels and retries; one run per session (thread) at a time. */
export class RunService {
  private readonly active = new Map<string, ActiveRun>();
  /** Set by shutdown: runs stopped now are interrupted (Retry), not cancelled by someone. */
  private stopping = false;
  /** Sessions whose root message is being posted by "Try again". */
  private readonly posting = new Set<string>();

  constructor(private readonly options: RunServiceOptions) {}

  /** Creates the session, posts its root message in the channel, and starts the run in its thread. */
  async start(run: NewRun): Promise<StartResult> {
    const now = Date.now();
    const session = await this.options.sessions.create({
      id: randomUUID(),
      provider: run.task.provider,
      taskId: run.task.id,
      taskName: run.task.name,
      teamId: run.teamId,
      userId: run.userId,
      channelId: run.channelId,
      threadTs: run.threadTs,
      values: run.values,
      extraText: run.extraText,
      brand: run.brand,
      status: 'pending',
      turns: [],
      queue: [],
      createdAt: now,
      updatedAt: now,
    });
    void this.options.usage?.record(run.task.provider, run.task.id).catch(() => undefined);
    void this.options.recent?.addRecentSession(run.userId, session.id).catch(() => undefined);
    return this.postRootAndRun(session);
  }

  /** Tries again to post a session whose root message could not be posted (after the bot was invited). */
  async retryPost(sessionId: string): Promise<StartResult | undefined> {
    // One attempt at a time: two clicks at once must not post two root messages.
    if (this.posting.has(sessionId)) return undefined;
    this.posting.add(sessionId);
    try {
      const session = await this.options.sessions.get(sessionId);
      if (!session || session.statusTs) return undefined;
      return await this.postRootAndRun(session);
    } finally {
      this.posting.delete(sessionId);
    }
  }

  /** A human reply in the session's thread: run it now, or queue it behind the run in progress. */
  async continueWith(session: Session, reply: QueuedReply): Promise<'started' | 'queued'> {
    if (this.busy(session.id)) {
      await this.options.sessions.update(session.id, (s) => void s.queue.push(reply));
      return 'queued';
    }
    this.launch(session.id, { instruction: reply.text, requestedBy: reply.userId });
    return 'started';
  }

  /** "Edit inputs & run again": a new turn of the session, in the same thread, with the edited inputs. */
  async rerun(sessionId: string, change: { values: InputValues; extraText?: string; brand?: BrandSettings; userId: string }): Promise<boolean> {
    if (this.busy(sessionId)) return false;
    const session = await this.options.sessions.update(sessionId, (s) => {
      s.values = change.values;
      s.extraText = change.extraText;
      s.brand = change.brand;
    });
    // Checked again with nothing awaited before launching: two submits at once start one run.
    if (!session.threadTs || this.busy(sessionId)) return false;
    this.launch(sessionId, { requestedBy: change.userId });
    return true;
  }

  /** Re-runs the session's last turn with the same inputs. False when a run is already going. */
  async retry(sessionId: string, userId: string): Promise<boolean> {
    const session = await this.options.sessions.get(sessionId);
    // Checked after the read, with nothing awaited before launching: two clicks at once start one run.
    if (!session?.threadTs || this.busy(sessionId)) return false;
    this.launch(sessionId, { instruction: session.turns.at(-1)?.instruction, requestedBy: userId });
    return true;
  }

  cancel(sessionId: string, userId: string): boolean {
    const run = this.active.get(sessionId);
    if (!run || run.controller.signal.aborted) return false;
    run.cancelledBy = userId;
    run.controller.abort();
    return true;
  }

  isRunning(sessionId: string): boolean {
    return this.busy(sessionId);
  }

  /** A run of the session is going (one that has ended and is only being saved does not count). */
  private busy(sessionId: string): boolean {
    const run = this.active.get(sessionId);
    return run !== undefined && !run.settled;
  }

  /** Stops every run (process shutdown) and waits for them to record that they were interrupted. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    for (const run of this.active.values()) run.controller.abort();
    await Promise.allSettled([...this.active.values()].map((run) => run.done));
  }

  /**
   * After a start: runs that a previous process left "running" (it died mid-run) are marked interrupted, and their
   * threads say so with a Retry button. Each is announced once, even if several processes start together.
   */
  async recoverInterrupted(): Promise<number> {
    const { activeRuns, store, sessions, client, logger } = this.options;
    if (!activeRuns) return 0;
    let recovered = 0;
    for (const sessionId of await activeRuns.list()) {
      if (this.active.has(sessionId)) continue;
      try {
        const session = await sessions.get(sessionId);
        const turn = session?.turns.findLast((t) => t.status === 'running');
        if (session && turn && session.threadTs && (!store || (await claimOnce(store, `interrupted:${turn.id}`)))) {
          const saved = await this.record(sessionId, turn.id, { status: 'interrupted', output: turn.output, partial: true });
          await this.updateRoot(saved);
          await client.chat.postMessage({ channel: saved.channelId, thread_ts: session.threadTs, ...interruptedMessage(sessionId) });
          recovered++;
        }
        await activeRuns.remove(sessionId);
      } catch (error) {
        logger.warn(`Could not recover session ${sessionId}: ${String(error)}`);
      }
    }
    return recovered;
  }

  private async postRootAndRun(session: Session): Promise<StartResult> {
    const task = await this.task(session);
    try {
      const posted = await this.options.client.chat.postMessage({
        channel: session.channelId,
        ...(session.threadTs ? { thread_ts: session.threadTs } : {}),
        ...rootMessage(session, summariseInputs(task, session.values), this.agentName(session)),
      });
      const saved = await this.options.sessions.update(session.id, (s) => {
        // A user id as the channel posts in the app's DM with them: the thread lives in that DM's channel.
        if (posted.channel) s.channelId = posted.channel;
        s.threadTs ??= posted.ts;
        s.statusTs = posted.ts;
      });
      this.launch(saved.id, { requestedBy: saved.userId });
      return { ok: true, session: saved };
    } catch (error) {
      const code = slackErrorCode(error);
      if (!code) throw error;
      return { ok: false, session, slackError: code };
    }
  }

  /** Starts a turn in the background; the session is marked active before anything awaits. */
  private launch(sessionId: string, turn: { instruction?: string; requestedBy: string }): void {
    const controller = new AbortController();
    const run: ActiveRun = { controller, done: Promise.resolve() };
    this.active.set(sessionId, run);
    run.done = this.runTurn(sessionId, turn, run)
      .catch((error: unknown) => this.options.logger.error(`Run of session ${sessionId} failed unexpectedly`, error))
      .finally(() => {
        // A later run of the same thread may have started while this one was being saved: leave it be.
        if (this.active.get(sessionId) === run) this.active.delete(sessionId);
        void this.takeQueued(sessionId);
      });
  }

  private async runTurn(sessionId: string, turn: { instruction?: string; requestedBy: string }, run: ActiveRun): Promise<void> {
    const turnId = randomUUID();
    const startedAt = Date.now();
    const session = await this.options.sessions.update(sessionId, (s) => {
      s.status = 'running';
      s.turns.push({ id: turnId, instruction: turn.instruction, requestedBy: turn.requestedBy, status: 'running', output: '', partial: false, startedAt });
    });
    const threadTs = session.threadTs;
    if (!threadTs) throw new Error(`Session ${sessionId} has no thread`);
    await this.options.activeRuns?.add(sessionId);
    try {
      // Not awaited: the upstream call must not wait behind Slack's pacing. The status update of the first turn is
      // skipped (its root was just posted as starting), and the end's update queues after this one.
      if (session.turns.length > 1) void this.updateRoot(session);
      await this.executeAndReport(session, turnId, turn.instruction, threadTs, run);
    } finally {
      await this.options.activeRuns?.remove(sessionId).catch(() => undefined);
    }
  }

  private async executeAndReport(session: Session, turnId: string, instruction: string | undefined, threadTs: string, run: ActiveRun): Promise<void> {
    const { client, logger } = this.options;
    const sessionId = session.id;

    const target = { channelId: session.channelId, threadTs, teamId: session.teamId, userId: session.userId };
    const catalogue = this.catalogue(session);
    let task: TaskDefinition;
    try {
      task = await catalogue.get(session.taskId);
    } catch (error) {
      const problem = asProviderError(error);
      await this.record(sessionId, turnId, { status: 'failed', output: '', partial: false, error: problem });
      await client.chat.postMessage({ channel: target.channelId, thread_ts: threadTs, ...failureMessage(sessionId, explainError(problem, catalogue.provider.displayName), false) });
      return;
    }

    const request: RunRequest = {
      task,
      values: session.values,
      brand: session.brand,
      extra: session.extraText ? [{ name: 'Anything else', question: 'Anything else the agent should know?', answer: session.extraText }] : undefined,
      signal: run.controller.signal,
      continuation: instruction
        ? {
            instruction,
            upstreamSessionId: session.upstreamSessionId,
            history: session.turns
              .filter((t) => t.id !== turnId && t.output)
              .map((t) => ({ instruction: t.instruction, output: t.output })),
          }
        : undefined,
    };
    const result = await executeTurn({
      client,
      logger,
      provider: catalogue.provider,
      target,
      request,
      paceMs: this.options.paceMs ?? 1_000,
      concurrentRuns: () => this.active.size,
      preferUpdates: this.options.preferUpdates,
    });

    const interrupted = result.status === 'cancelled' && this.stopping && !run.cancelledBy;
    const recorded = interrupted ? { ...result, status: 'interrupted' as const, partial: true } : result;
    // Shown at once from memory; saved after, through a store outage if need be (the session is the run's record).
    const endedAt = Date.now();
    const saved = applyOutcome(structuredClone(session), turnId, recorded, endedAt);
    const saving = withStoreRetry(() => this.options.sessions.update(sessionId, (s) => applyOutcome(s, turnId, recorded, endedAt)), logger);
    // From here the thread says the run has ended, so a Retry or a reply may start the next one.
    run.settled = true;
    await this.updateRoot(saved);
    if (interrupted) {
      await client.chat.postMessage({ channel: target.channelId, thread_ts: threadTs, ...interruptedMessage(sessionId) });
    } else if (result.status === 'failed' && result.error) {
      const explanation = explainError(result.error, catalogue.provider.displayName);
      await client.chat.postMessage({ channel: target.channelId, thread_ts: threadTs, ...failureMessage(sessionId, explanation, result.partial) });
    } else if (result.status === 'cancelled') {
      await client.chat.postMessage({
        channel: target.channelId,
        thread_ts: threadTs,
        ...cancelledMessage(sessionId, run.cancelledBy ?? session.userId, result.partial),
      });
    }
    await saving;
  }

  private record(sessionId: string, turnId: string, result: TurnOutcome): Promise<Session> {
    const endedAt = Date.now();
    return this.options.sessions.update(sessionId, (s) => applyOutcome(s, turnId, result, endedAt));
  }

  private async takeQueued(sessionId: string): Promise<void> {
    if (this.stopping) return;
    try {
      let next: QueuedReply | undefined;
      await this.options.sessions.update(sessionId, (s) => void (next = s.queue.shift()));
      if (next && !this.busy(sessionId) && !this.stopping) this.launch(sessionId, { instruction: next.text, requestedBy: next.userId });
    } catch (error) {
      this.options.logger.warn(`Could not take the next queued reply of session ${sessionId}: ${String(error)}`);
    }
  }

  private async updateRoot(session: Session): Promise<void> {
    if (!session.statusTs) return;
    try {
      const task = await this.task(session);
      await this.options.client.chat.update({
        channel: session.channelId,
        ts: session.statusTs,
        ...rootMessage(session, summariseInputs(task, session.values), this.agentName(session)),
      });
    } catch (error) {
      this.options.logger.warn(`Could not update the root message of session ${session.id}: ${String(error)}`);
    }
  }

  private task(session: Session): Promise<TaskDefinition> {
    return this.catalogue(session).get(session.taskId);
  }

  private catalogue(session: Session): TaskCatalogue {
    const catalogue = this.options.catalogues.get(session.provider);
    if (!catalogue) throw new Error(`No provider "${session.provider}" is configured`);
    return catalogue;
  }

  private agentName(session: Session): string {
    return this.catalogue(session).provider.displayName;
  }
}

type TurnOutcome = {
  status: 'done' | 'failed' | 'cancelled' | 'interrupted';
  output: string;
  partial: boolean;
  error?: { code: string; message: string };
  upstreamSessionId?: string;
};

/** Writes how a turn ended into the session (in place) and returns it. */
function applyOutcome(session: Session, turnId: string, result: TurnOutcome, endedAt: number): Session {
  const turn = session.turns.find((t) => t.id === turnId);
  if (turn) {
    turn.status = result.status;
    turn.output = result.output;
    turn.partial = result.partial;
    turn.endedAt = endedAt;
    if (result.error) turn.error = { code: result.error.code, message: result.error.message };
  }
  session.status = result.status;
  if (result.upstreamSessionId) session.upstreamSessionId = result.upstreamSessionId;
  return session;
}

/** Retries a store write for about half a minute (a Redis restart); resolves undefined if it never succeeds. */
async function withStoreRetry<T>(write: () => Promise<T>, logger: Logger): Promise<T | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= 15) {
        logger.error(`Gave up saving a run's outcome: ${String(error)}`);
        return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 2_000)));
    }
  }
}
