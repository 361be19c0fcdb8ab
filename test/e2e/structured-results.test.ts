/**
 * Structured results, files and subjobs through Slack: the browser agent's `structured_content` as a table and its
 * HTML as one uploaded file, the data and the sessionId in a follow-up, and a job's subjobs nested in the progress.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBrowserAgent, type FakeBrowserAgent } from '../fakes/fake-browser-agent.js';
import { startFakeJobs, type FakeJobs } from '../fakes/fake-jobs.js';
import type { JsonObject } from '../fakes/fake-slack.js';
import { browserFor } from '../providers/browser-agent/setup.js';
import { jobsFor } from '../providers/jobs/setup.js';
import { startHarness, waitFor, type Harness, type RestartableHarness } from '../support/bot-harness.js';
import { TEST_ENGINE } from '../support/redis.js';
import { blockIdOf, finishedRoot, openForm } from './helpers.js';

const SCHEMA = JSON.stringify({ type: 'object', properties: { stories: { type: 'array' } } });
const HOSTILE = { source: '<!channel>', stories: [{ title: '<@U123> wins', points: 3, link: '<https://x|y>' }, { title: 'Second', points: 1, link: 'https://b' }] };

let h: RestartableHarness;
let browser: FakeBrowserAgent;
beforeAll(async () => {
  browser = await startFakeBrowserAgent();
  // A restart hands a running turn over at once instead of waiting for it to end.
  h = await startHarness({ moreProviders: [browserFor(browser)], env: { DRAIN_SECONDS: '0' } });
});
afterAll(async () => {
  await h?.close();
  await browser?.close();
});
beforeEach(() => {
  browser.reset();
  h.slack.setStreaming(true);
});

async function runBrowse(values: { task: string; schema?: string; html?: boolean }) {
  const view = await openForm(h, 'run browse');
  const roots = h.slack.roots('C_GENERAL').length;
  const submitted = await h.driver.submitView({
    viewId: view.id,
    userId: 'U1',
    values: {
      [blockIdOf(view, 'task')]: values.task,
      ...(values.schema ? { [blockIdOf(view, 'schema')]: values.schema } : {}),
      ...(values.html ? { [blockIdOf(view, 'include_html_dump')]: [{ value: 'true' }] } : {}),
    },
  });
  expect(submitted.sent && submitted.outcome.kind).toBe('closed');
  return waitFor('the root message', () => h.slack.roots('C_GENERAL').at(roots));
}

const tableIn = (h: Harness, rootTs: string) =>
  h.slack
    .thread('C_GENERAL', rootTs)
    .flatMap((m) => m.blocks ?? [])
    .find((b): b is JsonObject & { rows: Array<Array<{ text: string }>> } => b.type === 'table');

describe('a browser-agent run with structured_content', () => {
  it('shows the data as fields and a table (escaped), keeps it out of the text, and a follow-up sends the sessionId and the data', async () => {
    browser.script({ structured: HOSTILE });
    const root = await runBrowse({ task: 'find the stories', schema: SCHEMA });
    await finishedRoot(h, 'C_GENERAL', root.ts);
    const table = await waitFor('the table', () => tableIn(h, root.ts));
    expect(table.rows.map((row) => row.map((cell) => cell.text.replace(/\u200B/g, '')))).toEqual([
      ['title', 'points', 'link'],
      ['<@U123> wins', '3', '<https://x|y>'],
      ['Second', '1', 'https://b'],
    ]);
    const thread = JSON.stringify(h.slack.thread('C_GENERAL', root.ts).slice(1));
    expect(thread).not.toMatch(/<(?:!channel|@U123|https:\/\/x\|y)>/);
    expect(thread).toContain('&lt;!channel&gt;');
    // Kept as data, not pasted into the output.
    expect(thread).not.toContain('"stories"');
    const session = await h.bot.services.sessions.get((await sessionIdOf(root.ts)) ?? '');
    expect(session?.turns[0]?.structured).toEqual(HOSTILE);

    await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text: 'only the first story', threadTs: root.ts });
    await waitFor('the follow-up', () => browser.requestsTo('POST /v1/tasks').length === 2);
    const [first, second] = browser.requestsTo('POST /v1/tasks').map((r) => r.body as { task: string; sessionId?: string });
    const sessionId = browser.tasks()[0]?.sessionId;
    expect(first?.sessionId).toBeUndefined();
    expect(second?.sessionId).toBe(sessionId);
    expect(second?.task).toBe(`only the first story\n\nThe structured data you returned then (JSON):\n${JSON.stringify(HOSTILE)}`);
  });

  it('cuts a table too large for a message, says how many rows are left out, and attaches the whole data', async () => {
    const rows = Array.from({ length: 180 }, (_, i) => ({ rank: i + 1, title: `Story number ${i + 1} with a longer title to fill the row` }));
    browser.script({ structured: { rows } });
    const root = await runBrowse({ task: 'list them all', schema: SCHEMA });
    await finishedRoot(h, 'C_GENERAL', root.ts);
    const table = await waitFor('the table', () => tableIn(h, root.ts));
    const shown = table.rows.length - 1;
    expect(shown).toBeLessThan(180);
    expect(JSON.stringify(h.slack.thread('C_GENERAL', root.ts))).toContain(`${180 - shown} more rows`);
    const file = await waitFor('the data file', () => h.slack.files().find((f) => f.thread_ts === root.ts && f.completed && f.filename === 'data.json'));
    expect(JSON.parse(file.content?.toString('utf8') ?? '')).toEqual({ rows });
  });

  it('uploads the HTML into the thread once, through the upload flow', async () => {
    const root = await runBrowse({ task: 'grab the page', html: true });
    await finishedRoot(h, 'C_GENERAL', root.ts);
    const inThread = () => h.slack.files().filter((f) => f.thread_ts === root.ts && f.completed);
    await waitFor('the file', () => inThread().length > 0);
    // The turn's record says so once the upload is done, and nothing more comes.
    await waitFor('the upload recorded', async () => (await h.bot.services.sessions.get((await sessionIdOf(root.ts)) ?? ''))?.turns[0]?.files?.[0]?.uploaded);
    const uploaded = inThread();
    expect(uploaded).toHaveLength(1);
    expect(uploaded[0]?.filename).toMatch(/^browser-agent-.+\.html$/);
    expect(uploaded[0]?.content?.toString('utf8')).toContain('Last page for: grab the page');
    expect(h.slack.thread('C_GENERAL', root.ts).filter((m) => m.files?.length)).toHaveLength(1);
    const complete = h.slack.callsTo('files.completeUploadExternal').at(-1)?.args as { channel_id?: string; thread_ts?: string };
    expect(complete).toMatchObject({ channel_id: 'C_GENERAL', thread_ts: root.ts });
    const session = await h.bot.services.sessions.get((await sessionIdOf(root.ts)) ?? '');
    expect(session?.turns[0]?.files).toEqual([{ name: uploaded[0]?.filename, uploaded: true }]);
  });

  // The in-process engine hands a running turn to the next process only through its slow recovery sweep.
  it.skipIf(TEST_ENGINE === 'local')('uploads the HTML once when the run is picked up again after a restart', async () => {
    browser.script({ pollsUntilDone: 1_000_000 });
    const root = await runBrowse({ task: 'grab it later', html: true });
    await waitFor('the task polled', () => browser.requestsTo('GET /v1/tasks/:id').length >= 1);
    await h.restart();
    browser.finish(browser.tasks()[0]!.taskId, { result: 'Got the page.' });
    await finishedRoot(h, 'C_GENERAL', root.ts);
    await waitFor('the upload recorded', async () => (await h.bot.services.sessions.get((await sessionIdOf(root.ts)) ?? ''))?.turns[0]?.files?.[0]?.uploaded);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.slack.files().filter((f) => f.thread_ts === root.ts)).toHaveLength(1);
    expect(h.slack.thread('C_GENERAL', root.ts).filter((m) => m.files?.length)).toHaveLength(1);
    expect(browser.requestsTo('POST /v1/tasks')).toHaveLength(1);
    expect(h.logs.some((line) => line.includes('(picked up again)'))).toBe(true);
  });

  it('does not send a file twice, nor pretend, when the worker stopped after saving the end but before recording the upload', async () => {
    // What a worker killed between saving the turn's end and recording its file leaves behind.
    const root = await h.driver.message({ channel: 'C_GENERAL', user: 'U2', text: 'a thread to run in' });
    const now = Date.now();
    const session = await h.bot.services.sessions.create({
      id: 'b0f6a1de-0000-4000-8000-000000000001',
      provider: 'browser',
      taskId: 'browse',
      taskName: 'Browse',
      teamId: 'T1',
      userId: 'U1',
      channelId: 'C_GENERAL',
      threadTs: root.ts,
      values: { task: 'grab it' },
      status: 'done',
      turns: [
        {
          id: 't1',
          requestedBy: 'U1',
          status: 'done',
          phase: 'ended',
          output: 'Got the page.',
          partial: false,
          presented: false,
          resumes: 0,
          startedAt: now,
          endedAt: now,
          files: [{ name: 'page.html', uploaded: false }],
        },
      ],
      queue: [],
      activeTurnId: 't1',
      createdAt: now,
      updatedAt: now,
    });
    await h.bot.engine.enqueue({ sessionId: session.id, turnId: 't1' });
    await waitFor('the turn shown', async () => (await h.bot.services.sessions.get(session.id))?.turns[0]?.presented);
    expect(h.logs.some((line) => line.includes('File page.html of session') && line.includes('may not be in the thread'))).toBe(true);
    expect(h.slack.files().filter((f) => f.thread_ts === root.ts)).toHaveLength(0);
  });
});

describe('a jobs run with subjobs', () => {
  let jobs: FakeJobs;
  let j: Harness;
  beforeAll(async () => {
    jobs = await startFakeJobs();
    j = await startHarness({ moreProviders: [jobsFor(jobs)] });
  });
  afterAll(async () => {
    await j?.close();
    await jobs?.close();
  });

  it('shows each subjob nested under the job, with its status, in the stream and in the edited fallback', async () => {
    const h = j;
    for (const streaming of [true, 'not_allowed'] as const) {
      h.slack.setStreaming(streaming);
      const view = await openForm(h, 'run researcher');
      const roots = h.slack.roots('C_GENERAL').length;
      await h.driver.submitView({ viewId: view.id, userId: 'U1', values: { [blockIdOf(view, 'objective')]: 'map the market' } });
      const root = await waitFor('the root message', () => h.slack.roots('C_GENERAL').at(roots));
      await finishedRoot(h, 'C_GENERAL', root.ts);
      const thread = h.slack.thread('C_GENERAL', root.ts);
      if (streaming === true) {
        const tasks = thread.flatMap((m) => m.stream?.tasks ?? []);
        const titles = tasks.map((t) => t.title);
        const sub = tasks.find((t) => t.title === '↳ agt_helper: Gather sources');
        expect(sub?.status).toBe('complete');
        expect(titles.indexOf('↳ agt_helper: Gather sources')).toBeGreaterThan(titles.indexOf('Researcher is working'));
      } else {
        const progress = thread.map((m) => JSON.stringify(m.blocks ?? [])).find((b) => b.includes('Gather sources')) ?? '';
        expect(progress).toContain(':white_check_mark: Researcher finished\\n↳ :white_check_mark: agt_helper: Gather sources');
      }
    }
  });
});

async function sessionIdOf(rootTs: string): Promise<string | undefined> {
  const root = h.slack.message('C_GENERAL', rootTs);
  const button = JSON.stringify(root?.blocks ?? []).match(/"value":"([0-9a-f-]{36})"/);
  return button?.[1];
}
