/**
 * Several real bot processes on one Redis: a replica SIGKILLed mid-run (browser agent, polled; jobs, by webhook) is
 * picked up by another without submitting the task again, and the jobs webhook route holds against forged, duplicated
 * and out-of-order callbacks, all as the Slack thread shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBrowserAgent, type FakeBrowserAgent } from '../../fakes/fake-browser-agent.js';
import { startFakeJobs, type FakeJobs } from '../../fakes/fake-jobs.js';
import { textOf } from '../../fakes/fake-slack.js';
import { outputIn, waitFor } from '../../support/bot-harness.js';
import type { BotProcess } from '../../support/bot-process.js';
import { fieldBlock, openFormVia, rootState, sessionOf, startReplicas, type Replicas } from '../../support/replicas.js';
import { startForwarder, type Forwarder } from '../../support/round-robin-forwarder.js';

const CHANNEL = 'C_GENERAL';
const resumedNotes = (r: Replicas, ts: string) => r.slack.thread(CHANNEL, ts).filter((m) => textOf(m).includes('picked it up where it was'));
const alive = (bot: BotProcess) => bot.child.exitCode === null && bot.child.signalCode === null;
// The replicas are real `src/main.ts` processes on Redis whatever the project: under `local` this file would only repeat.
const replicasOnce = describe.skipIf(process.env.BOT_ENGINE === 'local');

/** Submits `/jasper run <task>` with one field through replica 0; resolves with the root ts and the replica working on it. */
async function startRun(r: Replicas, task: string, fieldId: string, value: string): Promise<{ rootTs: string; worker: BotProcess }> {
  const form = await openFormVia(r, r.via(0), `run ${task}`);
  const roots = r.slack.roots(CHANNEL).length;
  await r.via(0).submitView({ viewId: form.id, values: { [fieldBlock(form, fieldId)]: value } });
  const root = await waitFor('the root message', () => r.slack.roots(CHANNEL).at(roots), 10_000);
  const sessionId = await waitFor('the session id', () => sessionOf(r, CHANNEL, root.ts));
  const worker = await waitFor('a worker to take the run', () => r.workerOf(sessionId), 10_000);
  return { rootTs: root.ts, worker };
}

async function kill(bot: BotProcess): Promise<void> {
  bot.child.kill('SIGKILL');
  await bot.exited;
}

replicasOnce('a replica killed while a polled browser-agent run is going', () => {
  let browser: FakeBrowserAgent;
  let r: Replicas;
  beforeAll(async () => {
    browser = await startFakeBrowserAgent();
    r = await startReplicas([{}, {}, {}], { env: { JASPER_API_KEY: '', BROWSER_AGENT_URL: browser.url, BROWSER_AGENT_API_KEY: browser.apiKey } });
  }, 60_000);
  afterAll(async () => {
    await r?.close();
    await browser?.close();
  });

  it('another replica resumes it from the task id and posts the output once; the task is submitted once', { timeout: 90_000 }, async () => {
    browser.script({ pollsUntilRunning: 0, pollsUntilDone: 1_000_000 });
    const { rootTs, worker } = await startRun(r, 'browse', 'task', 'Find the changelog');
    await waitFor('the task submitted and polled', () => browser.requestsTo('GET /v1/tasks/:id').length >= 1, 10_000);
    await kill(worker);
    await waitFor('another replica to pick the run up', () => resumedNotes(r, rootTs).length > 0, 60_000);
    const [task] = browser.tasks();
    browser.finish(task!.taskId, { result: 'The changelog is at /CHANGES.md.' });
    await waitFor('the run to finish', () => rootState(r, CHANNEL, rootTs).includes('Done'), 20_000);
    // Long enough for a second poster, if there were one, to post again.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(outputIn(r.slack.thread(CHANNEL, rootTs)).split('The changelog is at /CHANGES.md.')).toHaveLength(2);
    expect(resumedNotes(r, rootTs)).toHaveLength(1);
    expect(browser.requestsTo('POST /v1/tasks')).toHaveLength(1);
  });
});

replicasOnce('jobs whose callbacks go through a load balancer to any live replica', () => {
  let jobs: FakeJobs;
  let forwarder: Forwarder;
  let r: Replicas;
  beforeAll(async () => {
    jobs = await startFakeJobs();
    forwarder = await startForwarder();
    r = await startReplicas([{}, {}, {}], {
      env: { JASPER_API_KEY: '', JOBS_URL: jobs.url, JOBS_API_KEY: jobs.apiKey, JOBS_AGENTS: 'agt_01=Researcher', PUBLIC_URL: forwarder.url },
    });
    forwarder.setTargets(() => r.bots.filter(alive).map((b) => b.port));
  }, 60_000);
  afterAll(async () => {
    await r?.close();
    await forwarder?.close();
    await jobs?.close();
  });

  it('the replica running a job is killed; the job finishes on another by webhook, posted once, submitted once', { timeout: 90_000 }, async () => {
    jobs.script('agt_01', { advance: 'manual' });
    const { rootTs, worker } = await startRun(r, 'researcher', 'objective', 'Summarise the support tickets');
    const job = await waitFor('the job', () => jobs.jobs()[0], 10_000);
    jobs.advance(job.id);
    // Killed once the thread shows the job running: its id is saved, and a callback has already been followed.
    await waitFor('the job running in the thread', () => r.slack.thread(CHANNEL, rootTs).some((m) => m.stream?.tasks.some((t) => t.title.includes('is working'))), 10_000);
    await kill(worker);
    await waitFor('another replica to pick the run up', () => resumedNotes(r, rootTs).length > 0, 60_000);
    const landedBefore = forwarder.landed.length;
    // The rest of the job: a subjob runs and completes, then the job completes. Only callbacks move it on quickly
    // (with callbacks the follower reads again only every 30 s).
    const finishing = Date.now();
    jobs.advance(job.id, 3);
    await waitFor('the run to finish', () => rootState(r, CHANNEL, rootTs).includes('Done'), 20_000);
    expect(Date.now() - finishing).toBeLessThan(15_000);
    expect(forwarder.landed.slice(landedBefore).every((port) => port !== worker.port)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(outputIn(r.slack.thread(CHANNEL, rootTs)).split('Researcher finished the job')).toHaveLength(2);
    expect(resumedNotes(r, rootTs)).toHaveLength(1);
    expect(jobs.requestsTo('POST /v1/jobs')).toHaveLength(1);
  });

  it('a forged callback is refused and shows nothing; a duplicate shows once; a late running never moves it back', { timeout: 60_000 }, async () => {
    jobs.reset();
    jobs.script('agt_01', { advance: 'manual', stages: [{ status: 'running' }, { status: 'completed' }] });
    const { rootTs } = await startRun(r, 'researcher', 'objective', 'Count the tickets');
    const job = await waitFor('the job', () => jobs.jobs()[0], 10_000);
    const shown = () => r.slack.thread(CHANNEL, rootTs).map((m) => `${textOf(m)}|${m.stream?.markdown ?? ''}`).join('\n');

    await waitFor('the job waiting in the thread', () => shown().includes('Waiting in the jobs queue'), 10_000);
    const before = shown();
    const forged = await fetch(`${forwarder.url}/webhooks/jobs/not-a-token-we-issued`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event_id: 'evt_forged', job_id: job.id, status: 'completed', occurred_at: new Date().toISOString() }),
    });
    expect(forged.status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(shown()).toBe(before);
    expect(rootState(r, CHANNEL, rootTs)).not.toContain('Done');

    jobs.advance(job.id, 2);
    await waitFor('the run to finish', () => rootState(r, CHANNEL, rootTs).includes('Done'), 15_000);
    await jobs.settled();
    const completed = jobs.callbacks().findIndex((c) => c.jobId === job.id && c.body.includes('"completed"'));
    expect(await jobs.resend(completed)).toBe(202);
    expect(await jobs.sendCallback(job.id, 'running')).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(rootState(r, CHANNEL, rootTs)).toContain('Done');
    expect(r.slack.thread(CHANNEL, rootTs).flatMap((m) => m.stream?.tasks ?? []).filter((t) => t.status === 'in_progress')).toEqual([]);
    expect(outputIn(r.slack.thread(CHANNEL, rootTs)).split('Researcher finished the job')).toHaveLength(2);
    expect(jobs.requestsTo('POST /v1/jobs')).toHaveLength(1);
  });
});
