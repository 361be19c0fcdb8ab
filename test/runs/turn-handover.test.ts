import { describe, expect, it } from 'vitest';
import { TaskCatalogue } from '../../src/catalogue/task-catalogue.js';
import type { Provider, RunEvent, TaskDefinition } from '../../src/providers/types.js';
import { StoppableJob } from '../../src/runs/engine/job-controls.js';
import { HandoverError, type RunEngine } from '../../src/runs/engine/run-engine.js';
import type { RunPresenter, TurnOutcome } from '../../src/runs/run-updates.js';
import { beginTurn, endTurn } from '../../src/runs/turn-records.js';
import { TurnRunner } from '../../src/runs/turn-runner.js';
import { ActiveRuns } from '../../src/store/active-runs.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { SessionRepository } from '../../src/store/session-repository.js';
import type { Session } from '../../src/store/session-schema.js';

const task: TaskDefinition = { provider: 'stub', id: 'write', name: 'Write', slug: 'write', description: '', categories: [], inputs: [] };
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => 'info' as never, setName: () => {} };

/**
 * A worker is asked to hand a turn over (its job lock lapsed, e.g. while a Redis outage held its writes) at a chosen
 * point of the upstream's stream: `handoverAt` is the event before which the hand-over arrives. `takenOverFirst`: the
 * worker that took the job over marks the turn interrupted at that moment, before this one saves its end.
 * `takenOverWhileShowing`: that worker runs the job while this one is showing the end it saved.
 */
async function runWithHandover(handoverAt: 'before-done' | 'mid-stream', taken: { first?: boolean; whileShowing?: boolean } = {}) {
  const control = new StoppableJob(Date.now());
  const store = createMemoryStore('handover');
  const sessions = new SessionRepository(store, { ttlMs: 60_000 });
  const provider: Provider = {
    id: 'stub',
    displayName: 'Stub',
    settings: { key: 'STUB_API_KEY', url: 'STUB_URL' },
    listTasks: async () => [task],
    getTask: async () => task,
    async *run(): AsyncIterable<RunEvent> {
      yield { type: 'started', upstreamRunId: 'up-1' };
      yield { type: 'text', delta: 'Whole output.' };
      control.stop('handover');
      if (taken.first) await sessions.update('s1', (s) => void endTurn(s, 't1', { status: 'interrupted', output: '' }, Date.now()));
      // A live stream closes when its signal aborts; one whose last event was already read ends as it would have.
      if (handoverAt === 'mid-stream') return;
      yield { type: 'done' };
    },
  };
  const session: Session = {
    id: 's1', provider: 'stub', taskId: 'write', taskName: 'Write', teamId: 'T1', userId: 'U1', channelId: 'C1',
    values: {}, status: 'pending', turns: [], queue: [], createdAt: 0, updatedAt: 0,
  };
  beginTurn(session, { id: 't1', requestedBy: 'U1' }, Date.now());
  await sessions.create(session);
  const shown: { ended?: TurnOutcome; abandoned: boolean; byOtherWorker?: TurnOutcome } = { abandoned: false };
  let otherWorker: (() => Promise<void>) | undefined;
  const presenter: RunPresenter = {
    begin: () => ({
      step: () => {},
      text: () => {},
      end: async (_session, outcome) => {
        shown.ended = outcome;
        await otherWorker?.();
      },
      attach: async () => true,
      abandon: async () => void (shown.abandoned = true),
    }),
    ended: async (_context, outcome) => void (otherWorker ? (shown.byOtherWorker = outcome) : (shown.ended = outcome)),
  };
  const engine = { enqueue: async () => {} } as unknown as RunEngine;
  const runner = new TurnRunner({
    sessions,
    activeRuns: new ActiveRuns(store),
    catalogues: new Map([['stub', new TaskCatalogue(provider, { refreshMs: 60_000 })]]),
    engine,
    presenter,
    logger: quiet,
  });
  // The job run again, as the worker that took it over (after BullMQ's stalled check) would.
  if (taken.whileShowing) otherWorker = () => runner.run({ sessionId: 's1', turnId: 't1' }, new StoppableJob(Date.now()));
  const thrown = await runner.run({ sessionId: 's1', turnId: 't1' }, control).then(
    () => undefined,
    (error: unknown) => error,
  );
  return { thrown, shown, turn: (await sessions.get('s1'))?.turns[0] };
}

describe('a turn handed over to another worker', () => {
  it('is finished here when its stream had already ended: the whole output is saved and shown, not thrown away as interrupted', async () => {
    const { thrown, shown, turn } = await runWithHandover('before-done');
    expect(thrown).toBeUndefined();
    expect(shown).toEqual({ abandoned: false, ended: expect.objectContaining({ status: 'done', output: 'Whole output.' }) });
    expect(turn).toMatchObject({ status: 'done', phase: 'ended', output: 'Whole output.', presented: true });
  });

  it('is not shown again nor marked interrupted by the worker that takes the job over while this one shows its end', async () => {
    const { thrown, shown, turn } = await runWithHandover('before-done', { whileShowing: true });
    expect(thrown).toBeUndefined();
    expect(shown).toEqual({ abandoned: false, ended: expect.objectContaining({ status: 'done' }) });
    expect(turn).toMatchObject({ status: 'done', output: 'Whole output.', presented: true });
  });

  it('leaves the end to the worker that took the job over when that one ended the turn first: nothing shown here, its end stands', async () => {
    const { thrown, shown, turn } = await runWithHandover('before-done', { first: true });
    expect(thrown).toBeUndefined();
    expect(shown).toEqual({ abandoned: true });
    expect(turn).toMatchObject({ status: 'interrupted', phase: 'ended', presented: false });
  });

  it('is given up mid-stream: nothing more is shown here, and the saved phase tells the next worker it was submitted', async () => {
    const { thrown, shown, turn } = await runWithHandover('mid-stream');
    expect(thrown).toBeInstanceOf(HandoverError);
    expect(shown).toEqual({ abandoned: true });
    expect(turn).toMatchObject({ status: 'running', phase: 'submitted', upstreamRunId: 'up-1', presented: false });
  });
});
