import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOG_POST_TASK, contentFrame, defaultStreamSteps, stepFrame } from '../../fakes/fake-jasper.js';
import { textOf } from '../../fakes/fake-slack.js';
import { outputIn, waitFor } from '../../support/bot-harness.js';
import { fieldBlock, openFormVia, rootState, sessionOf, startReplicas, type Replicas } from '../../support/replicas.js';
import { TOPIC } from '../helpers.js';

const RUN = 'POST /tasks/:id/run/stream' as const;
const runsWith = (r: Replicas, tag: string) => r.jasper.requestsTo(RUN).filter((req) => JSON.stringify(req.body).includes(tag));

/** A Blog Post run started through replica `via` (form opened and submitted there); resolves with its root message. */
async function startRun(r: Replicas, via: number, topic: string, channel = 'C_GENERAL') {
  const form = await openFormVia(r, r.via(via), 'run blog-post', channel);
  const roots = r.slack.roots(channel).length;
  const submitted = await r.via(via).submitView({ viewId: form.id, values: { [fieldBlock(form, TOPIC.id)]: topic } });
  expect(submitted.sent && submitted.outcome.kind).toBe('closed');
  return waitFor('the root message', () => r.slack.roots(channel).at(roots), 10_000);
}

const finished = (r: Replicas, ts: string, channel = 'C_GENERAL') =>
  waitFor('the run to end', () => /Done|Failed|Cancelled|Interrupted/.test(rootState(r, channel, ts)), 15_000);

describe('three replicas on one Redis', () => {
  let r: Replicas;
  beforeAll(async () => {
    r = await startReplicas([{}, {}, {}]);
  }, 60_000);
  afterAll(async () => {
    await r?.close();
  });

  it('an event and its retries, delivered to different replicas, give one run', async () => {
    const root = await startRun(r, 0, 'Retries spread');
    await finished(r, root.ts);
    const before = r.jasper.requestsTo(RUN).length;
    const ts = `${Math.floor(Date.now() / 1000)}.000100`;
    const eventId = 'EvSPREAD0001';
    // Slack retries an event it thinks was not acknowledged; behind a load balancer each try may reach another replica.
    await Promise.all([
      r.via(0).message({ channel: 'C_GENERAL', user: 'U1', text: 'make it shorter', ts, threadTs: root.ts, eventId }),
      r.via(1).message({ channel: 'C_GENERAL', user: 'U1', text: 'make it shorter', ts, threadTs: root.ts, eventId, retryNum: 1, retryReason: 'http_timeout' }),
      r.via(2).message({ channel: 'C_GENERAL', user: 'U1', text: 'make it shorter', ts, threadTs: root.ts, eventId, retryNum: 2, retryReason: 'http_timeout' }),
    ]);
    await waitFor('the follow-up run', () => r.jasper.requestsTo(RUN).length > before, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(r.jasper.requestsTo(RUN)).toHaveLength(before + 1);
  });

  it('one form submitted to two replicas at once gives one run and one root', async () => {
    const form = await openFormVia(r, r.via(0), 'run blog-post');
    const roots = r.slack.roots('C_GENERAL').length;
    const values = { [fieldBlock(form, TOPIC.id)]: 'Double submit' };
    await Promise.all([r.via(1).submitView({ viewId: form.id, values }), r.via(2).submitView({ viewId: form.id, values })]);
    await waitFor('the run', () => runsWith(r, 'Double submit').length > 0, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(runsWith(r, 'Double submit')).toHaveLength(1);
    expect(r.slack.roots('C_GENERAL').slice(roots)).toHaveLength(1);
  });

  it('Cancel clicked on a replica other than the one running the run stops it within a second, every time', { timeout: 90_000 }, async () => {
    r.jasper.setLatency({ timeToFirstTokenMs: 50, tokenIntervalMs: 200 });
    const latencies: number[] = [];
    for (let i = 0; i < 6; i++) {
      const topic = `Cancel across ${i}`;
      const root = await startRun(r, i, topic);
      const sessionId = await waitFor('the session id', () => sessionOf(r, 'C_GENERAL', root.ts));
      const worker = await waitFor('a worker to take the run', () => r.workerOf(sessionId), 10_000);
      await waitFor('the upstream run', () => runsWith(r, topic).length === 1);
      const other = r.bots.findIndex((b) => b !== worker);
      const clicked = Date.now();
      await r.via(other).blockAction({ userId: 'U1', actionId: 'run.cancel', container: { type: 'message', channel: 'C_GENERAL', ts: root.ts } });
      await waitFor('the upstream stream closed', () => runsWith(r, topic)[0]?.clientClosed, 5_000);
      latencies.push(Date.now() - clicked);
      await waitFor('the cancel note', () => r.slack.thread('C_GENERAL', root.ts).some((m) => textOf(m).includes('Cancelled by <@U1>')), 15_000);
    }
    r.jasper.setLatency({ timeToFirstTokenMs: 0, tokenIntervalMs: 0 });
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  });

  it('a reply on one replica during a run on another is queued, then run after it, once', { timeout: 30_000 }, async () => {
    r.jasper.scriptStream(BLOG_POST_TASK.id, (body) =>
      JSON.stringify(body).includes('now in French')
        ? { steps: defaultStreamSteps('Second output.') }
        : { steps: [{ frame: stepFrame('s1', 'loading', 'Writing') }, { frame: contentFrame('First output.'), delayMs: 1_500 }, { frame: stepFrame('s1', 'completed', 'Wrote') }] },
    );
    const root = await startRun(r, 0, 'Queue across');
    const sessionId = await waitFor('the session id', () => sessionOf(r, 'C_GENERAL', root.ts));
    const worker = await waitFor('a worker to take the run', () => r.workerOf(sessionId), 10_000);
    const other = r.bots.findIndex((b) => b !== worker);
    await r.via(other).message({ channel: 'C_GENERAL', user: 'U2', text: 'now in French', threadTs: root.ts });
    await waitFor('the queued note', () => r.slack.thread('C_GENERAL', root.ts).some((m) => textOf(m).includes("I'll start on that as soon as the current run finishes")), 5_000);
    await waitFor('both outputs', () => outputIn(r.slack.thread('C_GENERAL', root.ts)).includes('Second output.'), 20_000);
    const outputs = outputIn(r.slack.thread('C_GENERAL', root.ts));
    expect(outputs.indexOf('First output.')).toBeLessThan(outputs.indexOf('Second output.'));
    expect(outputs.split('Second output.')).toHaveLength(2);
    r.jasper.reset();
  });
});

describe('a replica killed mid-run', () => {
  let r: Replicas;
  beforeAll(async () => {
    r = await startReplicas([{}, {}, {}]);
  }, 60_000);
  afterAll(async () => {
    await r?.close();
  });

  it('a streamed run (which cannot be resumed) is marked interrupted with Retry by another replica, once, never sent again', { timeout: 90_000 }, async () => {
    r.jasper.scriptStream(BLOG_POST_TASK.id, {
      steps: [{ frame: stepFrame('s1', 'loading', 'Writing') }, { frame: contentFrame('The first paragraph.') }, { frame: contentFrame(' More.'), delayMs: 120_000 }],
    });
    const root = await startRun(r, 0, 'Killed while streaming');
    const sessionId = await waitFor('the session id', () => sessionOf(r, 'C_GENERAL', root.ts));
    const worker = await waitFor('a worker to take the run', () => r.workerOf(sessionId), 10_000);
    await waitFor('the first text', () => r.slack.thread('C_GENERAL', root.ts).some((m) => m.stream?.markdown.includes('first paragraph')), 10_000);
    const killedAt = Date.now();
    worker.child.kill('SIGKILL');
    await worker.exited;
    const note = await waitFor('the interrupted note', () => r.slack.thread('C_GENERAL', root.ts).find((m) => textOf(m).includes('I was restarted while this was running')), 60_000);
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    expect(note.blocks && JSON.stringify(note.blocks)).toContain('run.retry');
    await waitFor('the root to say so', () => rootState(r, 'C_GENERAL', root.ts).includes('Interrupted'));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(r.slack.thread('C_GENERAL', root.ts).filter((m) => textOf(m).includes('I was restarted while this was running'))).toHaveLength(1);
    expect(runsWith(r, 'Killed while streaming')).toHaveLength(1);
  });
});

describe('web-only and worker-only processes (ROLE)', () => {
  let r: Replicas;
  beforeAll(async () => {
    r = await startReplicas([{ ROLE: 'web' }, { ROLE: 'worker' }]);
  }, 60_000);
  afterAll(async () => {
    await r?.close();
  });

  it('the web process takes Slack, the worker runs the run, and each says so in /healthz', { timeout: 30_000 }, async () => {
    const [web, worker] = r.bots;
    const health = async (port: number) => (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
    expect(await health(web!.port)).toMatchObject({ worker: { enabled: false } });
    expect(await health(worker!.port)).toMatchObject({ worker: { enabled: true, connected: true } });
    expect((await fetch(`http://127.0.0.1:${worker!.port}/slack/events`, { method: 'POST' })).status).toBe(404);

    const root = await startRun(r, 0, 'Split roles');
    await finished(r, root.ts);
    expect(rootState(r, 'C_GENERAL', root.ts)).toContain('Done');
    const sessionId = sessionOf(r, 'C_GENERAL', root.ts)!;
    expect(r.workerOf(sessionId)).toBe(worker);
  });
});
