import { randomUUID } from 'node:crypto';
import type { BrandSettings, InputValues, TaskDefinition } from '../providers/types.js';
import type { ActiveRuns } from '../store/active-runs.js';
import type { QueuedReply, Session } from '../store/session-schema.js';
import type { SessionRepository } from '../store/session-repository.js';
import type { TaskUsage } from '../store/task-usage.js';
import type { RunEngine } from './engine/run-engine.js';
import { withBriefRetry } from './store-retry.js';
import { activeTurn, beginTurn, isBusy, type TurnRequest } from './turn-records.js';

export interface NewSession {
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

export interface RunLifecycleDeps {
  sessions: SessionRepository;
  activeRuns: ActiveRuns;
  engine: RunEngine;
  /** Counts runs per task (most-used ordering); a failure to count never stops a run. */
  usage?: TaskUsage;
  /** Told of every new session, for the user's recent runs; a failure here never stops a run. */
  recent?: { addRecentSession(userId: string, sessionId: string): Promise<unknown> };
}

/**
 * Sessions and their turns, one running turn per thread across every replica: starts, follow-ups (queued behind a
 * running turn), Retry, edits and Cancel. Every decision is one atomic write of the session, so two replicas asked
 * at once never both start a turn. The turns themselves run as jobs on the engine (see TurnRunner).
 */
export class RunLifecycle {
  constructor(private readonly deps: RunLifecycleDeps) {}

  /** A new session, not running yet (its thread is attached once the surface has posted where it lives). */
  async create(run: NewSession): Promise<Session> {
    const now = Date.now();
    const session = await this.deps.sessions.create({
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
    void this.deps.usage?.record(run.task.provider, run.task.id).catch(() => undefined);
    void this.deps.recent?.addRecentSession(run.userId, session.id).catch(() => undefined);
    return session;
  }

  /** Where the session's thread lives, once its first message is posted. */
  attachThread(sessionId: string, where: { channelId: string; threadTs: string; statusTs: string }): Promise<Session> {
    return this.deps.sessions.update(sessionId, (s) => {
      s.channelId = where.channelId;
      s.threadTs ??= where.threadTs;
      s.statusTs = where.statusTs;
    });
  }

  /** The first turn of a session whose thread is attached. False when a turn is already going. */
  async begin(sessionId: string, requestedBy: string): Promise<boolean> {
    return (await this.launch(sessionId, { id: randomUUID(), requestedBy })) === 'started';
  }

  /** A human reply in the session's thread: run it now, or queue it behind the turn in progress. */
  async continueWith(session: Session, reply: QueuedReply): Promise<'started' | 'queued'> {
    const outcome = await this.launch(session.id, { id: randomUUID(), instruction: reply.text, mode: reply.mode, requestedBy: reply.userId }, reply);
    return outcome === 'started' ? 'started' : 'queued';
  }

  /** Runs the session's last turn again with the same inputs. False when a turn is going or the session is gone. */
  async retry(sessionId: string, userId: string): Promise<boolean> {
    const session = await this.deps.sessions.get(sessionId);
    if (!session?.threadTs) return false;
    return (await this.launch(sessionId, { id: randomUUID(), instruction: session.turns.at(-1)?.instruction, requestedBy: userId, again: true })) === 'started';
  }

  /** "Edit inputs & run again": the edited inputs and a new turn, in one write. False when a turn is going. */
  async rerun(sessionId: string, change: { values: InputValues; extraText?: string; brand?: BrandSettings; userId: string }): Promise<boolean> {
    return (
      (await this.launch(sessionId, { id: randomUUID(), requestedBy: change.userId, again: true }, undefined, (s) => {
        s.values = change.values;
        s.extraText = change.extraText;
        s.brand = change.brand;
      })) === 'started'
    );
  }

  /** Stops the session's running turn, on whichever replica runs it. False when none is running. */
  async cancel(sessionId: string, userId: string): Promise<boolean> {
    let turnId: string | undefined;
    let beforeStart = false;
    await this.deps.sessions.update(sessionId, (s) => {
      // Set afresh on every attempt: the store runs this again when another write got there first.
      const turn = activeTurn(s);
      turnId = turn && turn.phase !== 'ended' ? turn.id : undefined;
      beforeStart = false;
      if (turn && turnId) turn.cancelledBy ??= userId;
      else if (s.turns.length === 0) {
        // The root message (with its Cancel button) is posted before the first turn begins: a quick click lands here.
        s.cancelledBeforeStart ??= userId;
        beforeStart = true;
      }
    });
    if (beforeStart) return true;
    if (!turnId) return false;
    await this.deps.engine.cancel({ sessionId, turnId });
    return true;
  }

  get(sessionId: string): Promise<Session | undefined> {
    return this.deps.sessions.get(sessionId);
  }

  async isRunning(sessionId: string): Promise<boolean> {
    const session = await this.deps.sessions.get(sessionId);
    return session !== undefined && isBusy(session);
  }

  /**
   * Starts `turn` unless a turn is going (then `reply`, if given, is queued behind it). `edit` changes the session
   * in the same write, only when the turn starts.
   */
  private async launch(sessionId: string, turn: TurnRequest, reply?: QueuedReply, edit?: (s: Session) => void): Promise<'started' | 'queued' | 'busy'> {
    let outcome = 'busy' as 'started' | 'queued' | 'busy';
    const saved = await this.deps.sessions.update(sessionId, (s) => {
      if (!s.threadTs) {
        outcome = 'busy';
        return;
      }
      if (isBusy(s)) {
        if (reply && !s.queue.some((q) => q.ts === reply.ts)) s.queue.push(reply);
        outcome = reply ? 'queued' : 'busy';
        return;
      }
      edit?.(s);
      outcome = beginTurn(s, turn, Date.now()) ? 'started' : 'busy';
      const begun = s.turns.find((t) => t.id === turn.id);
      if (outcome === 'started' && begun && s.cancelledBeforeStart) {
        // Started all the same, so the runner ends it as cancelled through the one path every turn ends by.
        begun.cancelledBy = s.cancelledBeforeStart;
        delete s.cancelledBeforeStart;
      }
    });
    if (outcome === 'started') {
      // The turn is recorded: its job must be queued, even when Redis has only just come back and the queue's
      // connection is still reconnecting (otherwise only the lost-run sweep, a minute or more later, would start it).
      await withBriefRetry(() => this.deps.activeRuns.add(sessionId));
      await withBriefRetry(() => this.deps.engine.enqueue({ sessionId: saved.id, turnId: turn.id }));
    }
    return outcome;
  }
}
