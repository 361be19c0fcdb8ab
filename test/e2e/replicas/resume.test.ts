import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeJarvis, type FakeJarvis } from '../../fakes/fake-jarvis.js';
import { textOf } from '../../fakes/fake-slack.js';
import { outputIn, waitFor } from '../../support/bot-harness.js';
import { fieldBlock, openFormVia, rootState, sessionOf, startReplicas, type Replicas } from '../../support/replicas.js';

const INVOKE = 'POST /agents/invoke' as const;
const resumedNotes = (r: Replicas, ts: string) => r.slack.thread('C_GENERAL', ts).filter((m) => textOf(m).includes('picked it up where it was'));

/** Jarvis agents are polled: a run can be picked up from its task id by any replica, after any crash. */
describe('a replica killed while a polled run waits on its upstream', () => {
  let jarvis: FakeJarvis;
  let r: Replicas;
  beforeAll(async () => {
    jarvis = await startFakeJarvis();
    // Jarvis only (no Jasper), so `/jasper run paperclip` finds the agent by its bare name.
    r = await startReplicas([{}, {}, {}], { env: { JASPER_API_KEY: '', JARVIS_URL: jarvis.url, JARVIS_API_KEY: jarvis.apiKey } });
  }, 60_000);
  afterAll(async () => {
    await r?.close();
    await jarvis?.close();
  });

  it('another replica resumes it from the saved task id, says so, and posts the result once; the task is never invoked again', { timeout: 90_000 }, async () => {
    jarvis.script('paperclip', { pollsUntilRunning: 0, pollsUntilDone: 1_000_000 });
    const form = await openFormVia(r, r.via(0), 'run paperclip');
    const roots = r.slack.roots('C_GENERAL').length;
    await r.via(0).submitView({ viewId: form.id, values: { [fieldBlock(form, 'task')]: 'Triage the open issues' } });
    const root = await waitFor('the root message', () => r.slack.roots('C_GENERAL').at(roots), 10_000);
    const sessionId = await waitFor('the session id', () => sessionOf(r, 'C_GENERAL', root.ts));
    const worker = await waitFor('a worker to take the run', () => r.workerOf(sessionId), 10_000);
    await waitFor('the task invoked and polled', () => jarvis.requestsTo('GET /agents/status/:id').length >= 1, 10_000);

    const killedAt = Date.now();
    worker.child.kill('SIGKILL');
    await worker.exited;
    await waitFor('another replica to pick the run up', () => resumedNotes(r, root.ts).length > 0, 60_000);
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    // Another process says it picked the run up (the killed one's log says it worked on it too).
    const resumer = r.bots.find((b) => b !== worker && /Working on session \S+, turn \S+ \(picked up again\)/.test(b.output.join('')) && b.output.join('').includes(sessionId));
    expect(resumer).toBeDefined();

    const [task] = jarvis.tasks();
    jarvis.finish(task!.task_id, { result: 'Three issues need attention today.' });
    await waitFor('the run to finish', () => rootState(r, 'C_GENERAL', root.ts).includes('Done'), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const output = outputIn(r.slack.thread('C_GENERAL', root.ts));
    expect(output.split('Three issues need attention today.')).toHaveLength(2);
    expect(resumedNotes(r, root.ts)).toHaveLength(1);
    expect(jarvis.requestsTo(INVOKE)).toHaveLength(1);
  });
});
