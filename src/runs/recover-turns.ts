import type { Logger } from '@slack/logger';
import type { ActiveRuns } from '../store/active-runs.js';
import type { SessionRepository } from '../store/session-repository.js';
import type { RunEngine } from './engine/run-engine.js';

/** A turn younger than this may be between its session write and its job being queued: left alone. */
const SETTLING_MS = 30_000;

/**
 * Finds threads that say a turn is running while no job holds it (the process that was to queue it died, or the
 * job gave up) and queues the turn's job again: it then goes on from where the turn got, which for a run that may
 * have reached the upstream means resuming it or marking it interrupted, never sending it again.
 */
export async function recoverTurns(deps: { sessions: SessionRepository; activeRuns: ActiveRuns; engine: RunEngine; logger: Logger }): Promise<number> {
  let recovered = 0;
  for (const sessionId of await deps.activeRuns.list()) {
    try {
      const session = await deps.sessions.get(sessionId);
      const turnId = session?.activeTurnId;
      if (!session || !turnId) {
        await deps.activeRuns.remove(sessionId);
        continue;
      }
      const turn = session.turns.find((t) => t.id === turnId);
      if (turn && Date.now() - turn.startedAt < SETTLING_MS && turn.phase === 'queued') continue;
      const state = await deps.engine.state({ sessionId, turnId });
      if (state === 'waiting' || state === 'active') continue;
      // A finished job whose turn is still active gave up (e.g. the store was down): its record is replaced.
      await (state === 'finished' ? deps.engine.requeue({ sessionId, turnId }) : deps.engine.enqueue({ sessionId, turnId }));
      recovered++;
    } catch (error) {
      deps.logger.warn(`Could not check session ${sessionId} for a lost run: ${String(error)}`);
    }
  }
  return recovered;
}
