import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../fakes/fake-slack.js';
import { startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import { EVERY_INPUT_TASK } from '../fakes/fake-jasper.js';
import { blockIdOf, finishedRoot, openForm, OUTLINE } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe("Slack's assistant pane", () => {
  it('greets with suggested prompts from the catalogue, most used first, and runs the same conversation in its thread', async () => {
    // One run of the catalogue's second task makes it the most used.
    const view = await openForm(h, `run ${EVERY_INPUT_TASK.id}`);
    await h.driver.submitView({ viewId: view.id, values: { [blockIdOf(view, EVERY_INPUT_TASK.contextItems[0]!.id)]: 'Widget' } });
    await finishedRoot(h);

    const root = h.slack.addUserMessage({ channel: 'D_USER1', user: 'U1', text: 'New assistant thread' });
    const started = await h.driver.event({
      type: 'assistant_thread_started',
      assistant_thread: { user_id: 'U1', context: { channel_id: 'C_GENERAL', team_id: 'T0001', enterprise_id: null }, channel_id: 'D_USER1', thread_ts: root.ts },
      event_ts: String(Date.now() / 1000),
    });
    expect(started.status).toBe(200);
    const prompts = await waitFor('suggested prompts', () => h.slack.assistantCalls('assistant.threads.setSuggestedPrompts').at(0));
    const list = (prompts.args as { prompts: Array<{ title: string; message: string }> }).prompts;
    expect(list.map((p) => p.message)).toEqual(['run campagne-reseaux-sociaux-ete-2025', 'run blog-post']);
    expect(h.slack.thread('D_USER1', root.ts).some((m) => textOf(m).startsWith('Hi!'))).toBe(true);

    await h.driver.message({ channel: 'D_USER1', user: 'U1', text: 'run blog-post', threadTs: root.ts });
    await waitFor('a status while working', () => h.slack.assistantCalls('assistant.threads.setStatus').length > 0);
    await waitFor('the first question', () => h.slack.thread('D_USER1', root.ts).some((m) => textOf(m).includes(OUTLINE.question!)));
    // Once the bot has answered, its "is working on it…" status is cleared.
    const cleared = await waitFor('the status cleared', () =>
      h.slack.assistantCalls('assistant.threads.setStatus').find((c) => (c.args as { status?: string }).status === ''),
    );
    expect(cleared.thread_ts).toBe(root.ts);
  });
});
