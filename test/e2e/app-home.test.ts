import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BLOG_POST_TASK, EVERY_INPUT_TASK, type FakeTask } from '../fakes/fake-jasper.js';
import { blocksText } from '../fakes/fake-slack.js';
import { startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import { blockIdOf, finishedRoot, runBlogPost, TOPIC, type OpenedView } from './helpers.js';

const manyTasks: FakeTask[] = Array.from({ length: 130 }, (_, i) => ({
  ...BLOG_POST_TASK,
  id: `agt_bulk_${String(i).padStart(3, '0')}`,
  name: `Bulk Task ${String(i).padStart(3, '0')}`,
  categories: [i % 2 ? 'Social' : 'Blogs'],
}));

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ jasper: { tasks: [BLOG_POST_TASK, EVERY_INPUT_TASK, ...manyTasks] } });
});
afterAll(async () => h?.close());
beforeEach(() => h.jasper.reset());

const home = () => h.slack.homeView('U1');
type Block = Record<string, any>;
const homeText = () => blocksText((home()?.view.blocks ?? []) as never);

/** Opens the Home tab and waits for the view this opening publishes (not one an earlier test left). */
async function openHome() {
  const before = home()?.view.hash;
  await h.driver.appHomeOpened('U1');
  await waitFor('Home', () => home() && home()?.view.hash !== before);
}

/** Clicks an element on the Home tab (found by action id and, optionally, value) and waits for the next publish. */
async function clickHome(actionId: string, value?: string | { selected: string }) {
  const before = h.slack.callsTo('views.publish').length;
  const stored = home()!;
  await h.driver.blockAction({ userId: 'U1', actionId, ...(value !== undefined ? { value: typeof value === 'string' ? value : value.selected } : {}), container: { type: 'view', viewId: stored.view.id } });
  await waitFor(`Home to be published after ${actionId}`, () => h.slack.callsTo('views.publish').length > before);
}

describe('App Home', () => {
  it('publishes the catalogue grouped with Run buttons, pages past 100 blocks, and searches as the user types', async () => {
    await openHome();
    const blocks = home()!.view.blocks as Block[];
    expect(blocks.length).toBeLessThanOrEqual(100);
    expect(homeText()).toContain('Bulk Task 000');
    expect(JSON.stringify(blocks)).toContain('home.run');
    expect(homeText()).toMatch(/Showing 1.18 of 132/);

    await clickHome('home.page', '1');
    expect(homeText()).toMatch(/Showing 19.36 of 132/);

    await clickHome('home.search', 'campagne');
    expect(homeText()).toContain('Campagne');
    expect(homeText()).not.toContain('Bulk Task');
  });

  it('pins a starred task first, and Run opens its form', async () => {
    await openHome();
    await clickHome('home.search', 'bulk task 129');
    await clickHome('home.star', 'jasper:agt_bulk_129');
    await clickHome('home.search', '');
    const text = homeText();
    expect(text.indexOf('Bulk Task 129')).toBeGreaterThan(-1);
    expect(text.indexOf('Bulk Task 129')).toBeLessThan(text.indexOf('Bulk Task 000'));

    const views = h.slack.views().length;
    await h.driver.blockAction({ userId: 'U1', actionId: 'home.run', value: `jasper:${BLOG_POST_TASK.id}`, container: { type: 'view', viewId: home()!.view.id } });
    const opened = (await waitFor('the form', () => h.slack.views().slice(views).find((v) => v.view.type === 'modal')?.view)) as unknown as OpenedView;
    expect(opened.title.text).toBe('Blog Post');
  });

  it("lists the user's recent runs with a link to each thread", async () => {
    const root = await runBlogPost(h, 'Recent');
    await finishedRoot(h, 'C_GENERAL', root.ts);
    await h.driver.appHomeOpened('U1');
    await waitFor('Home with the run', () => homeText().includes('Open thread'));
    expect(JSON.stringify(home()!.view.blocks)).toContain(`p${root.ts.replace('.', '')}`);
  });

  it('defaults chosen in Home reach the run request; a channel default overrides the user default', async () => {
    await openHome();
    await clickHome('home.default.tone', { selected: 'ton_01HFRIENDLY' });
    await clickHome('home.default.language', { selected: 'FR' });
    // Each click's change is saved before its republish; wait for both (an earlier publish may have been counted).
    await waitFor('both defaults saved', async () => {
      const { defaults } = await h.bot.services.prefs.user('U1');
      return defaults.toneId === 'ton_01HFRIENDLY' && defaults.toLanguage === 'FR';
    });

    const modals = h.slack.views().length;
    await h.driver.slashCommand({ text: 'defaults' });
    const defaults = (await waitFor('the defaults form', () => h.slack.views().at(modals)?.view)) as unknown as OpenedView;
    expect((await h.driver.submitView({ viewId: defaults.id, values: { 'brand.tone': 'ton_01HEXPERT' } })).sent).toBe(true);
    await waitFor('the channel defaults', async () => (await h.bot.services.prefs.channelDefaults('C_GENERAL')).toneId === 'ton_01HEXPERT');

    const before = h.slack.views().length;
    await h.driver.slashCommand({ text: 'run blog-post' });
    const view = (await waitFor('the form', () => h.slack.views().at(before)?.view)) as unknown as OpenedView;
    await h.driver.submitView({ viewId: view.id, values: { [blockIdOf(view, TOPIC.id)]: 'Brand' } });
    await waitFor('the run', () => h.jasper.requestsTo('POST /tasks/:id/run/stream').length === 1);
    expect(h.jasper.requestsTo('POST /tasks/:id/run/stream')[0]?.body).toMatchObject({ toneId: 'ton_01HEXPERT', toLanguage: 'FR' });
  });
});
