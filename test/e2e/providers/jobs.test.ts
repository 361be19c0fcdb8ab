/** Jobs end to end through Slack (polled): modal, conversation, live steps and subjobs, output, follow-up, its errors. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeJobs, type FakeJobs } from '../../fakes/fake-jobs.js';
import { DEFAULT_TOKENS_USED } from '../../fakes/jobs/script.js';
import { AGENTS, jobsFor } from '../../providers/jobs/setup.js';
import { startHarness, waitFor, type Harness } from '../../support/bot-harness.js';
import { conversationEnded, ending, failureShown, followUp, outputOf, runByConversation, runFromModal, shownIn, stepsOf } from './provider-thread.js';

const SUBMIT = 'POST /v1/jobs' as const;
const ADDRESS = 'jobs:researcher';
let jobs: FakeJobs;
let h: Harness;
beforeAll(async () => {
  jobs = await startFakeJobs();
  h = await startHarness({
    moreProviders: [jobsFor(jobs)],
    env: { JOBS_URL: jobs.url, JOBS_API_KEY: jobs.apiKey, JOBS_AGENTS: AGENTS.map((a) => `${a.id}=${a.label}`).join(',') },
  });
});
afterAll(async () => {
  await h?.close();
  await jobs?.close();
});
beforeEach(() => {
  jobs.reset();
  h.slack.clearCalls();
});

describe('jobs through Slack', () => {
  it('runs from the modal: steps and subjobs show as the job moves, then the result in the thread', async () => {
    jobs.script('agt_01', { advance: 'manual' });
    const root = await runFromModal(h, ADDRESS, 'objective', 'Summarise the week in support tickets');
    const job = await waitFor('the job', () => jobs.jobs()[0]);
    // running, then a subjob starts: both show before the job ends.
    jobs.advance(job.id, 2);
    await waitFor('the subjob in the thread', () => shownIn(h, root).includes('Gather sources'));
    expect(stepsOf(h, root).some((s) => s.status === 'in_progress')).toBe(true);
    expect(outputOf(h, root)).toBe('');
    jobs.advance(job.id, 2);
    expect(await ending(h, root)).toMatch(/Done/);
    // The finished run says what the job used (its tokens_used).
    expect(await ending(h, root)).toContain(`${DEFAULT_TOKENS_USED.toLocaleString('en-US')} tokens`);
    expect(outputOf(h, root)).toContain('Researcher finished the job');
    expect(jobs.requestsTo(SUBMIT)).toHaveLength(1);
    expect(jobs.requestsTo(SUBMIT)[0]?.body).toMatchObject({ agent_id: 'agt_01', brief: { objective: 'Summarise the week in support tickets' } });
  });

  it('runs by conversation: a mention names the agent, the questions are answered in the thread', { timeout: 40_000 }, async () => {
    const thread = await runByConversation(h, ADDRESS, 'What should the agent accomplish?', 'List our competitors');
    expect(await conversationEnded(h, thread)).toContain('Researcher finished the job');
    expect(jobs.requestsTo(SUBMIT)[0]?.body).toMatchObject({ brief: { objective: 'List our competitors' } });
  });

  it("a reply in the thread sends the earlier result in the new brief's context", async () => {
    jobs.script('agt_01', { result: { competitors: ['Acme', 'Globex'] } });
    const root = await runFromModal(h, ADDRESS, 'objective', 'List our competitors');
    expect(await ending(h, root)).toMatch(/Done/);
    jobs.script('agt_01', { result: { cheapest: 'Globex' } });
    await followUp(h, root, 'which one is cheapest?', 'the result holds cheapest');
    const brief = (jobs.requestsTo(SUBMIT)[1]?.body as { brief: { objective: string; context?: string } }).brief;
    expect(brief.objective).toContain('which one is cheapest?');
    expect(brief.context).toContain('Earlier objective: List our competitors');
    expect(brief.context).toContain('Globex');
  });

  it('a key the jobs service refuses (401) is explained with JOBS_API_KEY, and the key is never shown', async () => {
    jobs.failNext(SUBMIT, { status: 401, body: { error: 'Unauthorized' } });
    const root = await runFromModal(h, ADDRESS, 'objective', 'Anything');
    expect(await failureShown(h, root)).toContain('`JOBS_API_KEY`');
    expect(shownIn(h, root)).not.toContain(jobs.apiKey);
  });

  it('an agent the service does not know (404) sends the person to the task list', async () => {
    const failure = await failureShown(h, await runFromModal(h, 'jobs:retired', 'objective', 'Anything'));
    expect(failure).toContain('no longer has this task');
    expect(failure).toContain('`/jasper list`');
  });

  it('a failed job shows the agent\'s own reason; a 5xx says to press Retry', async () => {
    jobs.script('agt_01', { stages: [{ status: 'running' }, { status: 'failed' }], error: 'The ticket export timed out.' });
    expect(await failureShown(h, await runFromModal(h, ADDRESS, 'objective', 'Export'))).toContain('The ticket export timed out');
    jobs.reset();
    jobs.failNext(SUBMIT, { status: 503, times: 3, body: { error: 'Service unavailable' } });
    expect(await failureShown(h, await runFromModal(h, ADDRESS, 'objective', 'Export'))).toContain('Press Retry');
  });

  it('a 429 says when to try again', async () => {
    jobs.failNext(SUBMIT, { status: 429, retryAfter: 120, times: 3, body: { error: 'Too many requests' } });
    const failure = await failureShown(h, await runFromModal(h, ADDRESS, 'objective', 'Anything'));
    expect(failure).toContain('Wait 2 minutes, then press Retry');
  });
});
