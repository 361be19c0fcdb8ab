import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeJarvis, type FakeJarvis } from '../fakes/fake-jarvis.js';
import { textOf } from '../fakes/fake-slack.js';
import { jarvisFor } from '../providers/jarvis/setup.js';
import { startHarness, waitFor, type RestartableHarness } from '../support/bot-harness.js';
import { blockIdOf, openForm } from './helpers.js';

// Jarvis's Context input is key/value lines: a line that does not read is refused with its number in the modal (a
// field error) and in a thread (the question again); good lines reach Jarvis as its `context` object.
const INVOKE = 'POST /agents/invoke' as const;
let h: RestartableHarness;
let jarvis: FakeJarvis;
beforeAll(async () => {
  jarvis = await startFakeJarvis();
  h = await startHarness({ moreProviders: [jarvisFor(jarvis)] });
});
afterAll(async () => {
  await h?.close();
  await jarvis?.close();
});
beforeEach(() => jarvis.reset());

const botReplies = (threadTs: string) => h.slack.thread('C_GENERAL', threadTs).filter((m) => m.user === h.slack.botUserId);

async function answer(threadTs: string, text: string): Promise<string> {
  const before = botReplies(threadTs).length;
  await h.driver.message({ channel: 'C_GENERAL', user: 'U1', text, threadTs });
  await waitFor(`the bot to answer "${text}"`, () => botReplies(threadTs).length > before);
  const last = botReplies(threadTs).at(-1);
  return last ? textOf(last) : '';
}

describe('key/value lines', () => {
  it('in the modal: a bad line is a field error; good lines go to Jarvis as its context object', async () => {
    const view = await openForm(h, 'run paperclip');
    const [task, context] = [blockIdOf(view, 'task'), blockIdOf(view, 'context')];
    const bad = await h.driver.submitView({ viewId: view.id, values: { [task]: 'Fix the build', [context]: 'repo: acme/web\nbranch main' } });
    expect(bad.sent && bad.outcome.kind === 'errors' && bad.outcome.errors).toEqual({
      [context]: expect.stringContaining('Line 2 is not "key: value" or "key=value"'),
    });
    expect(jarvis.requestsTo(INVOKE)).toHaveLength(0);
    const good = await h.driver.submitView({ viewId: view.id, values: { [task]: 'Fix the build', [context]: 'repo: acme/web\nbranch=main' } });
    expect(good.sent && good.outcome.kind).toBe('closed');
    const [invoked] = await waitFor('the invoke', () => jarvis.requestsTo(INVOKE).length > 0 && jarvis.requestsTo(INVOKE));
    expect(invoked?.body).toMatchObject({ task: 'Fix the build', context: { repo: 'acme/web', branch: 'main' } });
  });

  it('in a thread: a bad line is asked again with the reason', async () => {
    const sent = await h.driver.appMention({ channel: 'C_GENERAL', user: 'U1', text: `<@${h.slack.botUserId}> run paperclip` });
    await waitFor('the first question', () => botReplies(sent.ts).length > 0);
    expect(await answer(sent.ts, 'Fix the build')).toContain('Anything the agent should know?');
    const again = await answer(sent.ts, 'repo acme/web');
    expect(again).toContain('Line 1 is not "key: value" or "key=value"');
    expect(again).toContain('Anything the agent should know?');
    expect(await answer(sent.ts, 'repo: acme/web')).toContain('How urgent is it?');
    expect(jarvis.requestsTo(INVOKE)).toHaveLength(0);
  });
});
