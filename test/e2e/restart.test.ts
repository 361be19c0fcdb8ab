import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BLOG_POST_TASK, contentFrame, stepFrame } from '../fakes/fake-jasper.js';
import { startFakeJasper, type FakeJasper } from '../fakes/fake-jasper.js';
import { startFakeSlack, textOf, type FakeSlack } from '../fakes/fake-slack.js';
import { waitFor } from '../support/bot-harness.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { deleteNamespace } from '../support/redis.js';
import { blockIdOf, OUTLINE, TOPIC, type OpenedView } from './helpers.js';

const RUN = 'POST /tasks/:id/run/stream' as const;
let slack: FakeSlack;
let jasper: FakeJasper;
let prefix: string;
const processes: BotProcess[] = [];

beforeAll(async () => {
  slack = await startFakeSlack();
  jasper = await startFakeJasper();
  prefix = `test-${randomUUID()}`;
});
afterEach(async () => {
  for (const p of processes.splice(0)) {
    if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
});
afterAll(async () => {
  await Promise.all([slack?.close(), jasper?.close()]);
  await deleteNamespace(prefix);
});

async function start(): Promise<BotProcess> {
  const bot = await startBotProcess(slack, jasper, prefix);
  processes.push(bot);
  return bot;
}

/** A run whose upstream writes a first chunk, then stays silent (for much longer than the test). */
async function startSlowRun(bot: BotProcess) {
  jasper.scriptStream(BLOG_POST_TASK.id, {
    steps: [{ frame: stepFrame('s1', 'loading', 'Writing') }, { frame: contentFrame('The first paragraph.') }, { frame: contentFrame(' More.'), delayMs: 60_000 }],
  });
  const before = slack.views().length;
  await bot.driver.slashCommand({ text: 'run blog-post' });
  const view = (await waitFor('the form', () => slack.views().at(before)?.view)) as unknown as OpenedView;
  const roots = slack.roots('C_GENERAL').length;
  await bot.driver.submitView({ viewId: view.id, values: { [blockIdOf(view, TOPIC.id)]: 'Restarts' } });
  const root = await waitFor('the root', () => slack.roots('C_GENERAL').at(roots));
  await waitFor('the first text in the thread', () => slack.thread('C_GENERAL', root.ts).some((m) => m.stream?.markdown.includes('first paragraph')), 10_000);
  return root;
}

const interruptedNotes = (rootTs: string) => slack.thread('C_GENERAL', rootTs).filter((m) => textOf(m).includes('I was restarted while this was running'));

describe('a restart of the bot process', () => {
  it('killed mid-run: the next process picks the job up and marks the run interrupted, once, with a Retry that works', { timeout: 60_000 }, async () => {
    const first = await start();
    const root = await startSlowRun(first);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await start();
    await waitFor('the interrupted note', () => interruptedNotes(root.ts).length === 1, 10_000);
    await waitFor('the root to say so', () => textOf(slack.message('C_GENERAL', root.ts)!).includes('Interrupted'));

    // A third process finds nothing left to recover: the note is never posted twice.
    second.child.kill('SIGKILL');
    await second.exited;
    const third = await start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(interruptedNotes(root.ts)).toHaveLength(1);

    jasper.reset();
    const note = interruptedNotes(root.ts)[0]!;
    await third.driver.blockAction({ actionId: 'run.retry', container: { type: 'message', channel: 'C_GENERAL', ts: note.ts } });
    await waitFor('the retried run to finish', () => textOf(slack.message('C_GENERAL', root.ts)!).includes('Done'), 10_000);
    expect(jasper.requestsTo(RUN)).toHaveLength(1);
  });

  it('stopped with SIGTERM mid-run: it drains, hands the run back, and the next process says it was interrupted, once', { timeout: 40_000 }, async () => {
    const runsBefore = jasper.requestsTo(RUN).length;
    const first = await start();
    const root = await startSlowRun(first);
    const before = slack.thread('C_GENERAL', root.ts).length;
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // Nothing is posted by the process that leaves: the run is handed over, not ended.
    expect(slack.thread('C_GENERAL', root.ts).slice(before).filter((m) => !m.stream)).toHaveLength(0);
    await start();
    await waitFor('the interrupted note', () => interruptedNotes(root.ts).length === 1, 10_000);
    expect(textOf(slack.message('C_GENERAL', root.ts)!)).toContain('Interrupted');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(interruptedNotes(root.ts)).toHaveLength(1);
    expect(jasper.requestsTo(RUN)).toHaveLength(runsBefore + 1);
  });

  it('killed mid-conversation: the next process picks up at the open question', { timeout: 40_000 }, async () => {
    const first = await start();
    const sent = await first.driver.appMention({ channel: 'C_GENERAL', user: 'U1', text: `<@${slack.botUserId}> run blog-post` });
    await waitFor('the first question', () => slack.thread('C_GENERAL', sent.ts).some((m) => textOf(m).includes(OUTLINE.question!)));
    first.child.kill('SIGKILL');
    await first.exited;
    const second = await start();
    const before = slack.thread('C_GENERAL', sent.ts).length;
    await second.driver.message({ channel: 'C_GENERAL', user: 'U1', text: 'skip', threadTs: sent.ts });
    await waitFor('the next question', () => slack.thread('C_GENERAL', sent.ts).slice(before).some((m) => textOf(m).includes('How long')));
  });
});
