import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BLOG_POST_TASK, type FakeTask } from '../fakes/fake-jasper.js';
import { startFakeJarvis, type FakeJarvis } from '../fakes/fake-jarvis.js';
import { blocksText, textOf } from '../fakes/fake-slack.js';
import { startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import { jarvisFor } from '../providers/jarvis/setup.js';
import { blockIdOf, finishedRoot, openForm, type OpenedView } from './helpers.js';

type Block = Record<string, any>;

/** A Jasper task that shares its slug with a Jarvis agent: `paperclip` alone is then ambiguous. */
const JASPER_PAPERCLIP: FakeTask = { ...BLOG_POST_TASK, id: 'agt_jasper_paperclip', name: 'Paperclip', categories: ['Office'] };

let jarvis: FakeJarvis;
let h: Harness;
beforeAll(async () => {
  jarvis = await startFakeJarvis();
  h = await startHarness({
    jasper: { tasks: [BLOG_POST_TASK, JASPER_PAPERCLIP] },
    moreProviders: [jarvisFor(jarvis)],
    env: { JARVIS_URL: jarvis.url, JARVIS_API_KEY: jarvis.apiKey },
  });
});
afterAll(async () => {
  await h?.close();
  await jarvis?.close();
});
beforeEach(() => {
  h.jasper.reset();
  jarvis.reset();
  h.slack.clearCalls();
});

/** A slash command as U2, and the ephemeral answer. */
async function command(text: string): Promise<{ text: string; blocks: string }> {
  const before = h.slack.ephemerals({ user: 'U2' }).length;
  await h.driver.slashCommand({ text, userId: 'U2' });
  const answer = await waitFor(`the answer to ${text}`, () => h.slack.ephemerals({ user: 'U2' }).at(before));
  return { text: textOf(answer), blocks: blocksText((answer.blocks ?? []) as never) };
}

/** Opens Paperclip's form by its full address and submits a task; resolves with the finished root message. */
async function runJarvisPaperclip(task: string) {
  const view = await openForm(h, 'run jarvis:paperclip');
  expect(view.title.text).toBe('Paperclip');
  const roots = h.slack.roots('C_GENERAL').length;
  const submitted = await h.driver.submitView({ viewId: view.id, values: { [blockIdOf(view, 'task')]: task } });
  expect(submitted.sent && submitted.outcome.kind).toBe('closed');
  const root = await waitFor('the root message', () => h.slack.roots('C_GENERAL').at(roots));
  return { view, root: await finishedRoot(h, 'C_GENERAL', root.ts) };
}

describe('Jasper and Jarvis in one catalogue', () => {
  it('/jasper run jarvis:paperclip opens the Jarvis form (no Brand section) and runs on Jarvis', async () => {
    const { view, root } = await runJarvisPaperclip('Draft the Q3 memo');
    // Brand settings are Jasper's: a Jarvis task's form offers none.
    expect(JSON.stringify(view.blocks)).not.toContain('brand.');
    expect(textOf(root)).toMatch(/Done/);
    const [invoke] = jarvis.requestsTo('POST /agents/invoke');
    expect(invoke?.body).toMatchObject({ agent: 'paperclip', task: 'Draft the Q3 memo' });
    expect(h.jasper.requestsTo('POST /tasks/:id/run/stream')).toHaveLength(0);
  });

  it('/jasper list shows every task by its address and its agent', async () => {
    const { blocks } = await command('list');
    expect(blocks).toContain('`blog-post`  ·  _Jasper_');
    expect(blocks).toContain('`jasper:paperclip`  ·  _Jasper_');
    expect(blocks).toContain('`jarvis:paperclip`  ·  _Jarvis_');
    expect(blocks).toContain('`hermes`  ·  _Jarvis_');
  });

  it('a bare slug two agents share is answered with their full addresses, and no form opens', async () => {
    const views = h.slack.views().length;
    const answer = await command('run paperclip');
    expect(answer.text).toContain('Several agents have a task called `paperclip`');
    expect(answer.blocks).toContain('`jasper:paperclip`  ·  _Jasper_');
    expect(answer.blocks).toContain('`jarvis:paperclip`  ·  _Jarvis_');
    expect(h.slack.views()).toHaveLength(views);
    // A bare slug only one agent has still opens its form.
    const hermes = await openForm(h, 'run hermes');
    expect(hermes.title.text).toBe('Hermes');
  });

  it('App Home groups the tasks by agent, Jasper first', async () => {
    await h.driver.appHomeOpened('U2');
    const home = await waitFor('Home', () => h.slack.homeView('U2'));
    const headings = (home.view.blocks as Block[])
      .filter((b) => b.type === 'section' && !b.accessory && /^\*[^*]+\*$/.test(b.text?.text ?? ''))
      .map((b) => b.text.text as string);
    // Blog Post has no category: it is listed under its agent alone, after the agent's categories.
    expect(headings).toEqual(['*Jasper · Office*', '*Jasper*', '*Jarvis*']);
  });

  it("a Jarvis key it refuses is explained with JARVIS_API_KEY, not Jasper's", async () => {
    jarvis.failNext('POST /agents/invoke', { status: 401, body: { error: 'Unauthorized' } });
    const { root } = await runJarvisPaperclip('Anything');
    expect(textOf(root)).toMatch(/Failed/);
    const thread = await waitFor('the failure in the thread', () => {
      const text = h.slack.thread('C_GENERAL', root.ts).map(textOf).join('\n');
      return text.includes('did not accept') && text;
    });
    expect(thread).toContain('Jarvis did not accept');
    expect(thread).toContain('`JARVIS_API_KEY`');
    expect(thread).not.toContain('JASPER_API_KEY');
  });
});

describe('mentions search every agent', () => {
  /** The bot's messages in a thread it was mentioned in, once it has answered. */
  async function mention(text: string): Promise<string> {
    const sent = await h.driver.appMention({ channel: 'C_GENERAL', user: 'U1', text: `<@${h.slack.botUserId}> ${text}` });
    return waitFor('the bot to answer', () => {
      const replies = h.slack.thread('C_GENERAL', sent.ts).filter((m) => m.ts !== sent.ts && m.user === h.slack.botUserId);
      return replies.length > 0 && replies.map((m) => blocksText((m.blocks ?? []) as never) || textOf(m)).join('\n');
    });
  }

  it('a mention naming a Jarvis task by address asks its questions; a shared slug offers both, by address', async () => {
    expect(await mention('run jarvis:paperclip')).toContain('What should the agent do?');
    const choices = await mention('run paperclip');
    expect(choices).toContain('`jasper:paperclip`');
    expect(choices).toContain('`jarvis:paperclip`');
  });
});

describe('a slash command named in the configuration', () => {
  let custom: Harness;
  beforeAll(async () => {
    custom = await startHarness({ env: { SLASH_COMMAND: '/writer' } });
  });
  afterAll(async () => custom?.close());

  it('is the command the bot answers, and the one its help and hints name', async () => {
    await custom.driver.slashCommand({ text: 'help', userId: 'U2', command: '/writer' });
    const help = textOf(await waitFor('the help', () => custom.slack.ephemerals({ user: 'U2' }).at(0)));
    expect(help).toContain('/writer run <task>');
    expect(help).not.toContain('/jasper');
    await custom.driver.slashCommand({ text: 'run no-such-task', userId: 'U2', command: '/writer' });
    const missing = textOf(await waitFor('the answer', () => custom.slack.ephemerals({ user: 'U2' }).at(1)));
    expect(missing).toContain('`/writer list`');
  });
});
