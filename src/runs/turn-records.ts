/** Pure changes to a session record for the turns of its thread (used inside atomic store updates). */
import { ProviderError, type ProviderErrorCode } from '../providers/errors.js';
import type { QueuedReply, Session, Turn } from '../store/session-schema.js';
import type { TurnOutcome } from './run-updates.js';

export interface TurnRequest {
  id: string;
  instruction?: string;
  mode?: 'instruction' | 'keep_writing';
  requestedBy: string;
  /** Retry or "Edit inputs & run again": the same request run again, not a follow-up. */
  again?: boolean;
}

/**
 * Makes `request` the session's running turn unless one is already going. Returns whether it did; the caller
 * queues the job only then (one run per thread, whichever replica asks).
 */
export function beginTurn(session: Session, request: TurnRequest, now: number): boolean {
  if (isBusy(session)) return false;
  const turn: Turn = {
    id: request.id,
    instruction: request.instruction,
    ...(request.mode ? { mode: request.mode } : {}),
    ...(request.again ? { again: true } : {}),
    requestedBy: request.requestedBy,
    status: 'running',
    phase: 'queued',
    output: '',
    partial: false,
    presented: false,
    resumes: 0,
    startedAt: now,
  };
  session.turns.push(turn);
  session.activeTurnId = turn.id;
  session.status = 'running';
  return true;
}

/**
 * Saves how a turn ended (not shown yet: `presented` stays false until the thread says it). The first end saved stands:
 * returns false, changing nothing, when the turn has ended already (another worker took its job over and got there first).
 */
export function endTurn(session: Session, turnId: string, outcome: TurnOutcome, now: number): boolean {
  const turn = session.turns.find((t) => t.id === turnId);
  if (!turn || turn.phase === 'ended') return false;
  turn.status = outcome.status;
  turn.phase = 'ended';
  turn.output = outcome.output;
  turn.partial = outcome.status === 'failed' ? outcome.partial : outcome.status !== 'done' && outcome.output.length > 0;
  turn.endedAt = now;
  if (outcome.status === 'failed') turn.error = { code: outcome.error.code, message: outcome.error.message };
  if (outcome.status === 'done' && outcome.structured !== undefined) turn.structured = outcome.structured;
  if (outcome.status === 'done' && outcome.usage) turn.usage = outcome.usage;
  if (outcome.status === 'done' && outcome.files?.length) turn.files = outcome.files.map((file) => ({ name: file.name, uploaded: false }));
  if (session.activeTurnId === turnId) session.status = outcome.status;
  return true;
}

/**
 * The thread shows the turn's end: the turn is released and the next queued reply, if any, becomes the running
 * turn, in the same write (so two replicas never both start the next one). Returns the turn to queue, if any.
 */
export function releaseTurn(session: Session, turnId: string, nextTurnId: string, now: number): TurnRequest | undefined {
  const turn = session.turns.find((t) => t.id === turnId);
  if (turn) turn.presented = true;
  if (session.activeTurnId !== turnId) return undefined;
  session.activeTurnId = undefined;
  const reply: QueuedReply | undefined = session.queue.shift();
  if (!reply) return undefined;
  const next = { id: nextTurnId, instruction: reply.text, mode: reply.mode, requestedBy: reply.userId };
  beginTurn(session, next, now);
  return next;
}

/** Records that a file of the turn is in the thread. */
export function markFileUploaded(session: Session, turnId: string, name: string): void {
  const file = session.turns.find((t) => t.id === turnId)?.files?.find((f) => f.name === name && !f.uploaded);
  if (file) file.uploaded = true;
}

/** The outcome a saved, ended turn had (to show it again after a crash between saving and showing). */
export function savedOutcome(turn: Turn): TurnOutcome {
  switch (turn.status) {
    case 'done':
      return { status: 'done', output: turn.output, structured: turn.structured, ...(turn.usage ? { usage: turn.usage } : {}) };
    case 'failed': {
      const error = new ProviderError((turn.error?.code ?? 'upstream') as ProviderErrorCode, turn.error?.message ?? 'The run failed.');
      return { status: 'failed', output: turn.output, partial: turn.partial, error };
    }
    case 'cancelled':
      return { status: 'cancelled', output: turn.output, cancelledBy: turn.cancelledBy ?? turn.requestedBy };
    default:
      return { status: 'interrupted', output: turn.output };
  }
}

/**
 * Whether a turn of the thread is going. One whose outcome is saved no longer counts, even before the thread has
 * finished showing it: a Retry clicked the moment its button appears starts the next turn.
 */
export function isBusy(session: Session): boolean {
  const turn = activeTurn(session);
  return turn !== undefined && turn.phase !== 'ended';
}

export function activeTurn(session: Session): Turn | undefined {
  return session.activeTurnId ? session.turns.find((t) => t.id === session.activeTurnId) : undefined;
}
