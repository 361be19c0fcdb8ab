import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keepWritingButton } from '../../src/slack/replies/keep-writing-button.js';
import { startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import { finishedRoot, runBlogPost } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('the Keep writing button (its listener; the run presenter renders the button)', () => {
  it('continues the session of a finished run with a keep_writing turn', async () => {
    const root = await runBlogPost(h);
    await finishedRoot(h, 'C_GENERAL', root.ts);
    const [sessionId] = (await h.bot.services.prefs.user('U1')).recentSessions;
    // The message the presenter will post under an output: the button as keepWritingButton builds it.
    const output = h.slack.addUserMessage({
      channel: 'C_GENERAL',
      user: h.slack.botUserId,
      botId: h.slack.botId,
      text: 'output',
      threadTs: root.ts,
      blocks: [{ type: 'actions', elements: [keepWritingButton(sessionId!) as unknown as Record<string, never>] }],
    });
    const continueWith = vi.spyOn(h.bot.services.runs, 'continueWith');
    await h.driver.blockAction({ actionId: 'run.keep_writing', container: { type: 'message', channel: 'C_GENERAL', ts: output.ts } });
    await waitFor('the new turn', () => continueWith.mock.calls.length > 0);
    const [session, reply] = continueWith.mock.calls[0]!;
    expect(session.id).toBe(sessionId);
    expect(reply).toMatchObject({ text: 'Keep writing', userId: 'U1', mode: 'keep_writing' });
    continueWith.mockRestore();
  });

  it('a session that is gone is said so', async () => {
    const message = h.slack.addUserMessage({
      channel: 'C_GENERAL',
      user: h.slack.botUserId,
      botId: h.slack.botId,
      text: 'old output',
      blocks: [{ type: 'actions', elements: [keepWritingButton('no-such-session') as unknown as Record<string, never>] }],
    });
    const click = await h.driver.blockAction({ actionId: 'run.keep_writing', container: { type: 'message', channel: 'C_GENERAL', ts: message.ts } });
    await waitFor('the answer', () => h.slack.responses(click.responseUrl!).some((r) => JSON.stringify(r.body).includes('no longer kept')));
  });
});
