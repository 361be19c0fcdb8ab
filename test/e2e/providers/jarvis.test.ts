/** Jarvis end to end through Slack: modal, conversation, steps as they happen, output, follow-up, and its errors. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeJarvis, type FakeJarvis } from '../../fakes/fake-jarvis.js';
import { jarvisFor } from '../../providers/jarvis/setup.js';
import { startHarness, waitFor, type Harness } from '../../support/bot-harness.js';
import { conversationEnded, ending, failureShown, followUp, outputOf, runByConversation, runFromModal, shownIn, stepsOf } from './provider-thread.js';

const INVOKE = 'POST /agents/invoke' as const;
let jarvis: FakeJarvis;
let h: Harness;
beforeAll(async () => {
  jarvis = await startFakeJarvis();
  h = await startHarness({ moreProviders: [jarvisFor(jarvis)], env: { JARVIS_URL: jarvis.url, JARVIS_API_KEY: jarvis.apiKey } });
});
afterAll(async () => {
  await h?.close();
  await jarvis?.close();
});
beforeEach(() => {
  jarvis.reset();
  h.slack.clearCalls();
});

describe('Jarvis through Slack', () => {
  it('runs from the modal: the running step shows while the agent works, then the output in the thread', async () => {
    jarvis.script('paperclip', { pollsUntilDone: 1_000_000 });
    const root = await runFromModal(h, 'jarvis:paperclip', 'task', 'Triage the open issues');
    await waitFor('a step in progress', () => stepsOf(h, root).some((s) => s.status === 'in_progress'));
    expect(outputOf(h, root)).toBe('');
    const [task] = jarvis.tasks();
    jarvis.finish(task!.task_id, { result: 'Three issues need an owner.' });
    expect(await ending(h, root)).toMatch(/Done/);
    expect(outputOf(h, root)).toContain('Three issues need an owner.');
    expect(stepsOf(h, root).every((s) => s.status === 'complete')).toBe(true);
    expect(jarvis.requestsTo(INVOKE)[0]?.body).toMatchObject({ agent: 'paperclip', task: 'Triage the open issues' });
  });

  it('runs by conversation: a mention names the task, the question is answered in the thread', { timeout: 40_000 }, async () => {
    jarvis.script('hermes', { result: 'The memo is drafted.' });
    const thread = await runByConversation(h, 'jarvis:hermes', 'What should the agent do?', 'Draft the Q3 memo');
    expect(await conversationEnded(h, thread)).toContain('The memo is drafted.');
    expect(jarvis.requestsTo(INVOKE)[0]?.body).toMatchObject({ agent: 'hermes', task: 'Draft the Q3 memo' });
  });

  it("a reply in the thread runs again with the earlier task and result in the invoke's context", async () => {
    jarvis.script('paperclip', { result: 'First answer: five issues.' });
    const root = await runFromModal(h, 'jarvis:paperclip', 'task', 'Count the open issues');
    expect(await ending(h, root)).toMatch(/Done/);
    jarvis.script('paperclip', { result: 'Second answer: two are bugs.' });
    await followUp(h, root, 'which are bugs?', 'Second answer: two are bugs.');
    const second = jarvis.requestsTo(INVOKE)[1]?.body as { task: string; context?: Record<string, string> };
    expect(second.task).toContain('which are bugs?');
    expect(second.context).toMatchObject({ previous_task: 'Count the open issues', previous_result: 'First answer: five issues.' });
  });

  it('a key Jarvis refuses (401) is explained with JARVIS_API_KEY, and the key is never shown', async () => {
    jarvis.failNext(INVOKE, { status: 401, body: { error: 'Unauthorized' } });
    const root = await runFromModal(h, 'jarvis:paperclip', 'task', 'Anything');
    const failure = await failureShown(h, root);
    expect(failure).toContain('`JARVIS_API_KEY`');
    expect(shownIn(h, root)).not.toContain(jarvis.apiKey);
  });

  it('an unknown agent or task (404) sends the person to the task list', async () => {
    jarvis.failNext(INVOKE, { status: 404, body: { error: 'Agent not found' } });
    const failure = await failureShown(h, await runFromModal(h, 'jarvis:paperclip', 'task', 'Anything'));
    expect(failure).toContain('Jarvis no longer has this task');
    expect(failure).toContain('`/jasper list`');
  });

  it('a failed task shows the agent\'s own error and offers to try again', async () => {
    jarvis.script('paperclip', { error: 'The repository is archived.' });
    const root = await runFromModal(h, 'jarvis:paperclip', 'task', 'Triage');
    expect(await failureShown(h, root)).toContain('The repository is archived');
    expect(JSON.stringify(h.slack.thread('C_GENERAL', root).flatMap((m) => m.blocks ?? []))).toContain('run.retry');
  });

  it('a 429 says when to try again', async () => {
    jarvis.failNext(INVOKE, { status: 429, retryAfter: 120, times: 3, body: { error: 'Too many requests' } });
    const failure = await failureShown(h, await runFromModal(h, 'jarvis:paperclip', 'task', 'Anything'));
    expect(failure).toContain('Wait 2 minutes, then press Retry');
  });
});
