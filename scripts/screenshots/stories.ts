/**
 * The bot's main stories, driven against the test fakes as the end-to-end tests drive them. Each step captures what a
 * person would see then (a thread, a modal, Home, an ephemeral answer) as a named surface.
 */
import { textOf } from '../../test/fakes/fake-slack.js';
import type { Harness } from '../../test/support/bot-harness.js';
import { waitFor } from '../../test/support/bot-harness.js';
import { blockIdOf, finishedRoot, openForm, TOPIC, type OpenedView } from '../../test/e2e/helpers.js';
import { ephemeralSurface, homeSurface, threadSurface, viewSurface, type Surface } from './surfaces.js';

const RUN = 'POST /tasks/:id/run/stream' as const;
const CHANNEL = 'C_GENERAL';

/** A short output, so a thread fits on a screen (the fakes' default is a long stress text). */
export const SAMPLE_OUTPUT = [
  '## AI for dentists: where to start',
  'Most practices lose hours a week to reminders, notes and insurance letters. Three places AI helps first:',
  '- **Reminders** that patients answer\n- **Notes** drafted from the visit\n- **Letters** to insurers in minutes',
  '| Task | Time saved |\n| --- | --- |\n| Reminders | 2 h/week |\n| Letters | 3 h/week |',
].join('\n\n');

export interface Story {
  name: string;
  run(h: Harness, shoot: (surface: Surface) => void): Promise<void>;
}

const botReplies = (h: Harness, threadTs: string) => h.slack.thread(CHANNEL, threadTs).filter((m) => m.user === h.slack.botUserId);

/** The first message in a thread holding a control whose action_id starts with `prefix`, and that action_id. */
function control(h: Harness, threadTs: string, prefix: string) {
  for (const m of h.slack.thread(CHANNEL, threadTs)) {
    const found = JSON.stringify(m.blocks ?? []).match(new RegExp(`"action_id":"(${prefix.replace('.', '\\.')}[^"]*)"`));
    if (found?.[1]) return { ts: m.ts, actionId: found[1] };
  }
  throw new Error(`no ${prefix} control in thread ${threadTs}`);
}

async function submitBlogPost(h: Harness, view: OpenedView, topic: string) {
  const roots = h.slack.roots(CHANNEL).length;
  await h.driver.submitView({ viewId: view.id, values: { [blockIdOf(view, TOPIC.id)]: topic } });
  return waitFor('the run root message', () => h.slack.roots(CHANNEL).at(roots));
}

/** Waits until the bot has made no Slack call for a moment: the last edits (status, reactions) have landed. */
async function settled(h: Harness, quietMs = 300) {
  let count = -1;
  let since = Date.now();
  await waitFor('the bot to settle', () => {
    if (h.slack.calls.length !== count) [count, since] = [h.slack.calls.length, Date.now()];
    return Date.now() - since >= quietMs;
  });
}

const completedOutputs = (h: Harness, rootTs: string) => h.slack.thread(CHANNEL, rootTs).filter((m) => m.stream?.state === 'completed').length;

export const STORIES: Story[] = [
  {
    name: 'list',
    async run(h, shoot) {
      await h.driver.slashCommand({ text: 'list' });
      await waitFor('the task list', () => h.slack.ephemerals({ user: 'U1' }).length > 0);
      shoot(ephemeralSurface(h.slack, 'list-01-tasks', '/jasper list: the tasks you can run'));
    },
  },
  {
    name: 'help',
    async run(h, shoot) {
      const before = h.slack.ephemerals({ user: 'U1' }).length;
      await h.driver.slashCommand({ text: 'help' });
      await waitFor('the help text', () => h.slack.ephemerals({ user: 'U1' }).length > before);
      shoot(ephemeralSurface(h.slack, 'help-01-text', '/jasper help'));
    },
  },
  {
    name: 'modal-run',
    async run(h, shoot) {
      const view = await openForm(h, 'run blog-post');
      shoot(viewSurface(h.slack, 'modal-run-01-form', '/jasper run blog-post: the form, the brand in one line', view.id));
      await h.driver.blockAction({ actionId: 'brand.expand', container: { type: 'view', viewId: view.id } });
      await waitFor('the brand pickers', () => JSON.stringify(h.slack.view(view.id)?.view.blocks).includes('brand.tone'));
      shoot(viewSurface(h.slack, 'modal-run-02-brand-shown', 'The form after Change: the brand pickers shown in place', view.id));
      const root = await submitBlogPost(h, view, 'AI for dentists');
      await finishedRoot(h, CHANNEL, root.ts);
      await settled(h);
      shoot(threadSurface(h.slack, 'modal-run-03-thread-done', 'The run: status card, steps and output in its thread', CHANNEL, root.ts));
      await h.driver.message({ channel: CHANNEL, user: 'U1', text: 'make it shorter', threadTs: root.ts });
      await waitFor('the follow-up output', () => completedOutputs(h, root.ts) === 2);
      await settled(h);
      shoot(threadSurface(h.slack, 'modal-run-04-follow-up', 'A follow-up in the thread ("make it shorter")', CHANNEL, root.ts));
    },
  },
  {
    name: 'modal-every-input',
    async run(h, shoot) {
      // The fakes' second task has required inputs and every kind of input, so the Required hints show.
      const view = await openForm(h, 'run campagne-reseaux-sociaux-ete-2025');
      shoot(viewSurface(h.slack, 'modal-every-input-01-form', 'A task with every kind of input, some required', view.id));
    },
  },
  {
    name: 'failed-run',
    async run(h, shoot) {
      h.jasper.failNext(RUN, { status: 500 });
      const view = await openForm(h, 'run blog-post');
      const root = await submitBlogPost(h, view, 'Spring launch');
      await finishedRoot(h, CHANNEL, root.ts);
      await waitFor('the failure message', () => h.slack.thread(CHANNEL, root.ts).some((m) => JSON.stringify(m.blocks ?? []).includes('run.retry')));
      await settled(h);
      shoot(threadSurface(h.slack, 'failed-run-01-retry', 'A failed run: what happened, and Retry', CHANNEL, root.ts));
      const retry = control(h, root.ts, 'run.retry');
      await h.driver.blockAction({ actionId: retry.actionId, container: { type: 'message', channel: CHANNEL, ts: retry.ts } });
      await waitFor('the retried run to finish', () => textOf(h.slack.message(CHANNEL, root.ts)).includes('Done'));
      await settled(h);
      shoot(threadSurface(h.slack, 'failed-run-02-retried', 'After Retry', CHANNEL, root.ts));
    },
  },
  {
    name: 'conversation',
    async run(h, shoot) {
      const sent = await h.driver.appMention({ channel: CHANNEL, user: 'U1', text: `<@${h.slack.botUserId}> run blog-post` });
      const thread = sent.ts;
      await waitFor('the first question', () => botReplies(h, thread).length > 0);
      await settled(h);
      shoot(threadSurface(h.slack, 'conversation-01-first-question', 'A mention starts a conversation in a thread', CHANNEL, thread));
      for (const answer of ['skip', 'medium', 'AI for dentists']) {
        const before = botReplies(h, thread).length;
        await h.driver.message({ channel: CHANNEL, user: 'U1', text: answer, threadTs: thread });
        await waitFor(`the bot to answer "${answer}"`, () => botReplies(h, thread).length > before);
        if (answer === 'medium') {
          await settled(h);
          shoot(threadSurface(h.slack, 'conversation-02-last-question', 'Two answers in: the last question, with what was taken', CHANNEL, thread));
        }
      }
      await settled(h);
      shoot(threadSurface(h.slack, 'conversation-03-summary', 'Questions answered: the summary with Run', CHANNEL, thread));
      const run = control(h, thread, 'fill.confirm');
      await h.driver.blockAction({ actionId: run.actionId, container: { type: 'message', channel: CHANNEL, ts: run.ts } });
      await waitFor('the run in the thread', () => completedOutputs(h, thread) === 1);
      await waitFor('the run status', () => botReplies(h, thread).some((m) => /Done/.test(textOf(m))));
      await settled(h);
      shoot(threadSurface(h.slack, 'conversation-04-run', 'After Run: the run in the same thread', CHANNEL, thread));
    },
  },
  {
    name: 'home',
    async run(h, shoot) {
      // One finished run first, so Home shows a recent run as a returning user sees it.
      const root = await submitBlogPost(h, await openForm(h, 'run blog-post'), 'AI for dentists');
      await finishedRoot(h, CHANNEL, root.ts);
      await h.driver.appHomeOpened('U1');
      await waitFor('App Home', () => h.slack.homeView('U1'));
      await settled(h);
      shoot(homeSurface(h.slack, 'home-01-app-home', 'App Home after one run'));
    },
  },
];
