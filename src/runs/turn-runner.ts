import { randomUUID } from 'node:crypto';
import type { Logger } from '@slack/logger';
import type { TaskCatalogue } from '../catalogue/task-catalogue.js';
import { asProviderError } from '../providers/errors.js';
import type { RunEvent } from '../providers/types.js';
import type { ActiveRuns } from '../store/active-runs.js';
import type { Session, Turn } from '../store/session-schema.js';
import type { SessionRepository } from '../store/session-repository.js';
import { consumeEvents, type StreamResult } from './consume-events.js';
import { HandoverError, type JobControl, type RunEngine, type TurnJob } from './engine/run-engine.js';
import type { RunContext, RunFile, RunPresenter, TurnDisplay, TurnOutcome } from './run-updates.js';
import { buildRunRequest } from './turn-request.js';
import { endTurn, markFileUploaded, releaseTurn, savedOutcome } from './turn-records.js';
import { withBriefRetry, withStoreRetry } from './store-retry.js';

export interface RunObserver {
  /** A worker took a turn `waitedMs` after it was queued. */
  turnStarted?(waitedMs: number): void;
  turnEnded?(provider: string, outcome: TurnOutcome['status'], durationMs: number): void;
}

export interface TurnRunnerDeps {
  sessions: SessionRepository;
  activeRuns: ActiveRuns;
  catalogues: ReadonlyMap<string, TaskCatalogue>;
  engine: RunEngine;
  presenter: RunPresenter;
  logger: Logger;
  observer?: RunObserver;
}

/**
 * One turn's job, wherever and however often it runs: it reads how far the turn got and goes on from there. A turn
 * the upstream may already have is never submitted again; it is resumed from its upstream id where the provider can,
 * and marked interrupted (with Retry) where it cannot.
 */
export class TurnRunner {
  constructor(private readonly deps: TurnRunnerDeps) {}

  async run(job: TurnJob, control: JobControl): Promise<void> {
    const session = await this.durably(() => this.deps.sessions.get(job.sessionId));
    const turn = session?.turns.find((t) => t.id === job.turnId);
    if (!session || !turn) return;
    if (turn.presented) return this.release(job);
    this.deps.observer?.turnStarted?.(Date.now() - control.queuedAt);

    const catalogue = this.deps.catalogues.get(session.provider);
    if (!catalogue) throw new Error(`No provider "${session.provider}" is configured`);
    let context: RunContext;
    let lookupFailure: { error: unknown } | undefined;
    try {
      context = { session, turn, task: await catalogue.get(session.taskId), agent: catalogue.provider.displayName };
    } catch (error) {
      // The task cannot be looked up: shown without the task's details.
      const task = { provider: session.provider, id: session.taskId, name: session.taskName, slug: session.taskId, description: '', categories: [], inputs: [] };
      context = { session, turn, task, agent: catalogue.provider.displayName };
      lookupFailure = { error };
    }

    if (turn.phase === 'ended') return this.finish(context, savedOutcome(turn), undefined, { alreadySaved: true });
    if (lookupFailure) return this.finish(context, { status: 'failed', output: '', partial: false, error: asProviderError(lookupFailure.error) });
    if (turn.cancelledBy) return this.finish(context, { status: 'cancelled', output: '', cancelledBy: turn.cancelledBy });

    const provider = catalogue.provider;
    let events: AsyncIterable<RunEvent>;
    let resumed = false;
    if (turn.phase === 'queued') {
      // Saved before the upstream is called: if this process dies from here on, the run is never sent again.
      context.session = await this.change(job, (t) => void (t.phase = 'submitting'));
      events = provider.run(buildRunRequest(session, turn, context.task, control.signal));
    } else if (turn.upstreamRunId && provider.resume) {
      context.session = await this.change(job, (t) => void (t.resumes += 1));
      events = provider.resume(turn.upstreamRunId, control.signal);
      resumed = true;
    } else {
      return this.finish(context, { status: 'interrupted', output: turn.output });
    }

    this.deps.logger.info(`Working on session ${job.sessionId}, turn ${job.turnId}${resumed ? ' (picked up again)' : ''}`);
    const display = this.deps.presenter.begin(context, { resumed });
    const result = await consumeEvents(
      events,
      display,
      control.signal,
      async (ids) => {
        context.session = await this.durably(() =>
          this.deps.sessions.update(job.sessionId, (s) => {
            const t = s.turns.find((x) => x.id === job.turnId);
            if (t) {
              t.phase = 'submitted';
              t.upstreamRunId = ids.upstreamRunId ?? t.upstreamRunId;
            }
            if (ids.upstreamSessionId) s.upstreamSessionId = ids.upstreamSessionId;
          }),
        );
      },
      (error) => this.deps.logger.error('Provider stream threw', error),
    );
    if (control.reason === 'handover') {
      // Handed over mid-stream: another worker goes on from the saved phase.
      if (result.ended === 'stopped') {
        await display.abandon();
        throw new HandoverError();
      }
      // The stream had ended (the job lock lapsed meanwhile, e.g. while a Redis outage held the writes): its result
      // exists only here, but another worker may be taking the job over. The end is claimed with the showing of it, so
      // that worker, finding it, neither shows it again nor marks the run interrupted.
      return this.finish(context, await this.outcomeOf(job, result, control), display, { claimShowing: true });
    }
    return this.finish(context, await this.outcomeOf(job, result, control), display);
  }

  private async outcomeOf(job: TurnJob, result: StreamResult, control: JobControl): Promise<TurnOutcome> {
    if (result.ended === 'done') {
      return { status: 'done', output: result.output, structured: result.structured, ...(result.files.length > 0 ? { files: result.files } : {}), ...(result.usage ? { usage: result.usage } : {}) };
    }
    if (result.ended === 'error') return { status: 'failed', output: result.output, partial: result.partial, error: result.error };
    if (control.reason === 'cancel') {
      const session = await this.deps.sessions.get(job.sessionId).catch(() => undefined);
      const turn = session?.turns.find((t) => t.id === job.turnId);
      return { status: 'cancelled', output: result.output, cancelledBy: turn?.cancelledBy ?? turn?.requestedBy ?? '' };
    }
    return { status: 'interrupted', output: result.output };
  }

  /**
   * Saves the outcome, shows it, then releases the thread. Saved first: a process that dies after showing it
   * cannot show it again, and one that dies before finds the saved outcome and shows it then.
   */
  private async finish(context: RunContext, outcome: TurnOutcome, display?: TurnDisplay, how: { alreadySaved?: boolean; claimShowing?: boolean } = {}): Promise<void> {
    const { sessions, logger, presenter } = this.deps;
    const { alreadySaved = false, claimShowing = false } = how;
    const job = { sessionId: context.session.id, turnId: context.turn.id };
    const endedAt = Date.now();
    let endedElsewhere = false;
    const saved = alreadySaved
      ? context.session
      : ((await withStoreRetry(
          () =>
            sessions.update(job.sessionId, (s) => {
              const turn = s.turns.find((t) => t.id === job.turnId);
              endedElsewhere = turn?.phase === 'ended';
              if (endTurn(s, job.turnId, outcome, endedAt) && claimShowing && turn) turn.presented = true;
            }),
          logger,
        )) ?? context.session);
    if (endedElsewhere) {
      // A worker that took this job over ended the turn first: its end stands, and it shows it.
      await display?.abandon();
      return;
    }
    if (display) await display.end(saved, outcome);
    else await presenter.ended({ ...context, session: saved }, outcome);
    if (display && outcome.status === 'done') await this.attachFiles(job, display, outcome.files ?? []);
    if (alreadySaved) this.reportLostFiles(job, saved);
    this.deps.observer?.turnEnded?.(context.session.provider, outcome.status, endedAt - context.turn.startedAt);
    await this.release(job);
  }

  /**
   * Files go up after the output, and each is recorded as uploaded once Slack has it. At most once: the content is not
   * kept in the session (a page's HTML can be megabytes, and the record is rewritten on every change), so a file not
   * yet uploaded when the process died cannot be sent by the one that finishes the turn; it is logged instead
   * (reportLostFiles). Resending from the upstream would need a new run, which only a person's Retry may start.
   */
  private async attachFiles(job: TurnJob, display: TurnDisplay, files: readonly RunFile[]): Promise<void> {
    for (const file of files) {
      if (!(await display.attach(file))) continue;
      await withStoreRetry(() => this.deps.sessions.update(job.sessionId, (s) => markFileUploaded(s, job.turnId, file.name)), this.deps.logger);
    }
  }

  private reportLostFiles(job: TurnJob, session: Session): void {
    const turn = session.turns.find((t) => t.id === job.turnId);
    for (const file of turn?.files ?? []) {
      if (!file.uploaded) this.deps.logger.warn(`File ${file.name} of session ${job.sessionId}, turn ${job.turnId} may not be in the thread: the worker stopped before recording its upload, and its content was not kept`);
    }
  }

  private async release(job: TurnJob): Promise<void> {
    const nextId = randomUUID();
    let next: { id: string } | undefined;
    const saved = await withStoreRetry(
      () => this.deps.sessions.update(job.sessionId, (s) => void (next = releaseTurn(s, job.turnId, nextId, Date.now()))),
      this.deps.logger,
    );
    if (!saved) return;
    const queued: { id: string } | undefined = next;
    if (queued) await withBriefRetry(() => this.deps.engine.enqueue({ sessionId: job.sessionId, turnId: queued.id }));
    else if (!saved.activeTurnId) await this.deps.activeRuns.remove(job.sessionId).catch(() => undefined);
  }

  private change(job: TurnJob, edit: (turn: Turn) => void): Promise<Session> {
    return this.durably(() =>
      this.deps.sessions.update(job.sessionId, (s) => {
        const turn = s.turns.find((t) => t.id === job.turnId);
        if (turn) edit(turn);
      }),
    );
  }

  /** A store read or write the turn cannot go on without: retried through a short outage, then the job fails. */
  private async durably<T>(work: () => Promise<T>): Promise<T> {
    let failure: unknown;
    const result = await withStoreRetry(async () => {
      try {
        return { value: await work() };
      } catch (error) {
        failure = error;
        throw error;
      }
    }, this.deps.logger);
    if (!result) throw failure;
    return result.value;
  }
}
