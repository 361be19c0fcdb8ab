/** The browser agent end to end through Slack: modal, conversation, live steps, output, session follow-up, its errors. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBrowserAgent, type FakeBrowserAgent } from '../../fakes/fake-browser-agent.js';
import { browserFor } from '../../providers/browser-agent/setup.js';
import { startHarness, waitFor, type Harness } from '../../support/bot-harness.js';
import { conversationEnded, ending, failureShown, followUp, outputOf, runByConversation, runFromModal, shownIn, stepsOf } from './provider-thread.js';

const SUBMIT = 'POST /v1/tasks' as const;
const ADDRESS = 'browser:browse';
let browser: FakeBrowserAgent;
let h: Harness;
beforeAll(async () => {
  browser = await startFakeBrowserAgent();
  h = await startHarness({ moreProviders: [browserFor(browser)], env: { BROWSER_AGENT_URL: browser.url, BROWSER_AGENT_API_KEY: browser.apiKey } });
});
afterAll(async () => {
  await h?.close();
  await browser?.close();
});
beforeEach(() => {
  browser.reset();
  h.slack.clearCalls();
});

describe('the browser agent through Slack', () => {
  it('runs from the modal: the step shows while it browses, then the output in the thread', async () => {
    browser.script({ pollsUntilDone: 1_000_000 });
    const root = await runFromModal(h, ADDRESS, 'task', 'Find the top story on Hacker News');
    await waitFor('a step in progress', () => stepsOf(h, root).some((s) => s.status === 'in_progress'));
    expect(outputOf(h, root)).toBe('');
    const [task] = browser.tasks();
    browser.finish(task!.taskId, { result: 'The top story is about compilers.' });
    expect(await ending(h, root)).toMatch(/Done/);
    expect(outputOf(h, root)).toContain('The top story is about compilers.');
    expect(browser.requestsTo(SUBMIT)).toHaveLength(1);
    expect(browser.requestsTo(SUBMIT)[0]?.body).toMatchObject({ task: 'Find the top story on Hacker News' });
  });

  it('runs by conversation: a mention names the task, the questions are answered in the thread', { timeout: 40_000 }, async () => {
    browser.script({ result: 'Found the pricing page.' });
    const thread = await runByConversation(h, ADDRESS, 'What should the browser agent do?', 'Find the pricing page');
    expect(await conversationEnded(h, thread)).toContain('Found the pricing page.');
    expect(browser.requestsTo(SUBMIT)[0]?.body).toMatchObject({ task: 'Find the pricing page' });
  });

  it('a reply in the thread continues the same browser session (its sessionId is sent)', async () => {
    browser.script({ result: 'Opened the docs.' });
    const root = await runFromModal(h, ADDRESS, 'task', 'Open the docs');
    expect(await ending(h, root)).toMatch(/Done/);
    const sessionId = browser.tasks()[0]!.sessionId;
    browser.script({ result: 'Clicked the API reference.' });
    await followUp(h, root, 'now click the API reference', 'Clicked the API reference.');
    const second = browser.requestsTo(SUBMIT)[1]?.body as { sessionId?: string; task: string };
    expect(second.sessionId).toBe(sessionId);
    expect(second.task).toContain('now click the API reference');
  });

  it('400: says the task was refused, with what to change', async () => {
    browser.failNext(SUBMIT, { status: 400, body: { error: 'task must not be empty' } });
    const failure = await failureShown(h, await runFromModal(h, ADDRESS, 'task', 'Anything'));
    expect(failure).toContain('refused');
    expect(failure).toContain('task must not be empty');
    expect(failure).toMatch(/Check them and run again|run again/);
  });

  it('401: names BROWSER_AGENT_API_KEY and never the key', async () => {
    browser.failNext(SUBMIT, { status: 401, body: { error: 'Missing Authorization header' } });
    const root = await runFromModal(h, ADDRESS, 'task', 'Anything');
    expect(await failureShown(h, root)).toContain('`BROWSER_AGENT_API_KEY`');
    expect(shownIn(h, root)).not.toContain(browser.apiKey);
  });

  it('403: a revoked key sends the person to BROWSER_AGENT_API_KEY', async () => {
    browser.revokeKey();
    const root = await runFromModal(h, ADDRESS, 'task', 'Anything');
    expect(await failureShown(h, root)).toContain('`BROWSER_AGENT_API_KEY`');
    expect(shownIn(h, root)).not.toContain(browser.apiKey);
  });

  it('429: says when to try again', async () => {
    browser.failNext(SUBMIT, { status: 429, retryAfter: 120, times: 3, body: { error: 'Quota exceeded' } });
    const failure = await failureShown(h, await runFromModal(h, ADDRESS, 'task', 'Anything'));
    expect(failure).toContain('Wait 2 minutes, then press Retry');
  });

  it('a task the agent could not finish shows its own reason', async () => {
    browser.script({ error: 'The page needs a login.' });
    const failure = await failureShown(h, await runFromModal(h, ADDRESS, 'task', 'Read my inbox'));
    expect(failure).toContain('The page needs a login');
  });
});
