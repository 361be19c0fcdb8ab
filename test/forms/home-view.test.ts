import type { HomeView } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildHomeView,
  FAVOURITES_GROUP,
  HOME_ACTION,
  HOME_CALLBACK_ID,
  HOME_SEARCH_BLOCK,
  type HomeModel,
  homeTaskKey,
  KNOWLEDGE_PER_PAGE,
  NO_DEFAULT_VALUE,
  readHomeMetadata,
  relativeTime,
  RUNS_PER_PAGE,
  statusLabel,
  TASKS_PER_PAGE,
  usageLine,
} from '../../src/forms/home-view.js';
import * as L from '../../src/forms/limits.js';
import type { BrandOption, KnowledgeItem, TaskDefinition } from '../../src/providers/types.js';
import { task } from './fixtures.js';

// ---------------------------------------------------------------------------------------------------------------------
// A checker for Home views (view-limits.ts checks modals): every Slack limit the builder must keep.

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (isObj(v) && typeof v.text === 'string' ? v.text : '');

/** mrkdwn must have `&`, `<` and `>` escaped except in Slack's own `<url|label>`, `<@U…>`, `<#C…>`, `<!…>`. */
function mrkdwnProblems(t: string): string[] {
  const problems: string[] = [];
  const bare = t.replace(/<(https?:\/\/[^\s|<>]+)\|[^<>]*>|<[@#!][^<>]*>/g, '');
  if (/[<>]/.test(bare)) problems.push(`unescaped < or > in ${JSON.stringify(t.slice(0, 80))}`);
  if (/&(?!amp;|lt;|gt;)/.test(t)) problems.push(`unescaped & in ${JSON.stringify(t.slice(0, 80))}`);
  return problems;
}

function textObjectProblems(o: unknown, max: number, where: string): string[] {
  if (!isObj(o)) return [`${where}: not a text object`];
  const problems: string[] = [];
  const t = text(o);
  if (t.length === 0 || t.length > max) problems.push(`${where}: text length ${t.length}`);
  if (o.type === 'mrkdwn') problems.push(...mrkdwnProblems(t).map((p) => `${where}: ${p}`));
  else if (o.type !== 'plain_text') problems.push(`${where}: text type ${String(o.type)}`);
  return problems;
}

function optionProblems(o: unknown, where: string): string[] {
  if (!isObj(o)) return [`${where}: option is not an object`];
  const problems = textObjectProblems(o.text, L.OPTION_TEXT, `${where} option`);
  if (typeof o.value !== 'string' || o.value.length === 0 || o.value.length > L.OPTION_VALUE) problems.push(`${where}: option value`);
  return problems;
}

function elementProblems(el: unknown, where: string): string[] {
  if (!isObj(el)) return [`${where}: element is not an object`];
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => void (ok || problems.push(`${where}: ${message}`));
  check(typeof el.action_id === 'string' && el.action_id.length > 0 && el.action_id.length <= L.ACTION_ID, 'action_id');
  if (el.placeholder !== undefined) problems.push(...textObjectProblems(el.placeholder, L.PLACEHOLDER, `${where} placeholder`));
  if (el.confirm !== undefined) {
    const c = el.confirm as Json;
    problems.push(...textObjectProblems(c.title, 100, `${where} confirm title`));
    problems.push(...textObjectProblems(c.text, 300, `${where} confirm text`));
    problems.push(...textObjectProblems(c.confirm, 30, `${where} confirm button`));
    problems.push(...textObjectProblems(c.deny, 30, `${where} deny button`));
  }
  switch (el.type) {
    case 'button':
      problems.push(...textObjectProblems(el.text, L.BUTTON_TEXT, `${where} button`));
      check(el.value === undefined || (typeof el.value === 'string' && el.value.length <= L.BUTTON_VALUE), 'button value');
      break;
    case 'static_select': {
      const options = Array.isArray(el.options) ? el.options : [];
      check(options.length >= 1 && options.length <= L.STATIC_SELECT_OPTIONS, `${options.length} options`);
      options.forEach((o) => problems.push(...optionProblems(o, where)));
      if (el.initial_option !== undefined) {
        problems.push(...optionProblems(el.initial_option, `${where} initial`));
        check(options.some((o) => JSON.stringify(o) === JSON.stringify(el.initial_option)), 'initial option not among options');
      }
      break;
    }
    case 'plain_text_input': {
      const max = el.max_length === undefined ? L.PLAIN_TEXT_INPUT_MAX : Number(el.max_length);
      check(max <= L.PLAIN_TEXT_INPUT_MAX, 'max_length');
      check(el.initial_value === undefined || String(el.initial_value).length <= max, 'initial_value');
      break;
    }
    default:
      problems.push(`${where}: unexpected element ${String(el.type)}`);
  }
  return problems;
}

/** Everything wrong with a Home view (empty when it is fine). */
function homeProblems(view: HomeView): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => void (ok || problems.push(message));
  check(view.type === 'home', 'type');
  check(view.blocks.length <= L.HOME_BLOCKS, `blocks ${view.blocks.length}`);
  check(Buffer.byteLength(JSON.stringify(view)) <= L.VIEW_MAX_BYTES, `view bytes ${Buffer.byteLength(JSON.stringify(view))}`);
  check((view.private_metadata?.length ?? 0) <= L.PRIVATE_METADATA, 'private_metadata');
  check((view.callback_id?.length ?? 0) <= L.CALLBACK_ID, 'callback_id');
  const blockIds = new Set<string>();
  view.blocks.forEach((raw, i) => {
    const b = raw as unknown as Json;
    const where = `block ${i} (${b.type as string})`;
    if (b.block_id !== undefined) {
      check(typeof b.block_id === 'string' && b.block_id.length > 0 && b.block_id.length <= L.BLOCK_ID, `${where}: block_id`);
      check(!blockIds.has(String(b.block_id)), `${where}: duplicate block_id ${String(b.block_id)}`);
      blockIds.add(String(b.block_id));
    }
    switch (b.type) {
      case 'header':
        problems.push(...textObjectProblems(b.text, L.HEADER_TEXT, where));
        check((b.text as Json).type === 'plain_text', `${where}: header must be plain text`);
        break;
      case 'section':
        problems.push(...textObjectProblems(b.text, L.SECTION_TEXT, where));
        if (b.accessory !== undefined) problems.push(...elementProblems(b.accessory, `${where} accessory`));
        break;
      case 'context': {
        const els = Array.isArray(b.elements) ? b.elements : [];
        check(els.length >= 1 && els.length <= L.CONTEXT_ELEMENTS, `${where}: context elements`);
        els.forEach((e) => problems.push(...textObjectProblems(e, L.SECTION_TEXT, where)));
        break;
      }
      case 'actions': {
        const els = (Array.isArray(b.elements) ? b.elements : []) as Json[];
        check(els.length >= 1 && els.length <= L.ACTIONS_ELEMENTS, `${where}: actions elements`);
        const ids = els.map((e) => e.action_id);
        check(new Set(ids).size === ids.length, `${where}: action ids repeat within the block`);
        els.forEach((e) => problems.push(...elementProblems(e, where)));
        break;
      }
      case 'input':
        problems.push(...textObjectProblems(b.label, L.INPUT_LABEL, `${where} label`));
        if (b.hint !== undefined) problems.push(...textObjectProblems(b.hint, L.INPUT_HINT, `${where} hint`));
        problems.push(...elementProblems(b.element, `${where} element`));
        break;
      case 'divider':
        break;
      default:
        problems.push(`${where}: unexpected block type`);
    }
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------------
// Fixtures and readers.

const NOW = Date.UTC(2025, 2, 20, 12, 0, 0);
const MIN = 60_000;

function model(extra: Partial<HomeModel> = {}): HomeModel {
  return {
    query: '',
    page: 0,
    tasks: [],
    favourites: [],
    recentRuns: [],
    runsPage: 0,
    defaults: {},
    brandOptions: { tones: [], audiences: [], styles: [], languages: [] },
    now: NOW,
    ...extra,
  };
}

function build(m: HomeModel): HomeView {
  const view = buildHomeView(m);
  expect(homeProblems(view)).toEqual([]);
  return view;
}

const tasksNamed = (n: number, extra: (i: number) => Partial<TaskDefinition> = () => ({})): TaskDefinition[] =>
  Array.from({ length: n }, (_, i) =>
    task([], { id: `t${i}`, name: `Task ${i}`, slug: `task-${i}`, description: `Description ${i}`, ...extra(i) }),
  );

type AnyBlock = Json & { type: string };
const blocks = (view: HomeView) => view.blocks as unknown as AnyBlock[];
const elementsOf = (view: HomeView): Json[] =>
  blocks(view).flatMap((b) => [
    ...(Array.isArray(b.elements) ? (b.elements as Json[]) : []),
    ...(isObj(b.accessory) ? [b.accessory] : []),
    ...(isObj(b.element) ? [b.element] : []),
  ]);
const buttons = (view: HomeView, actionId: string) => elementsOf(view).filter((e) => e.type === 'button' && e.action_id === actionId);
const values = (view: HomeView, actionId: string) => buttons(view, actionId).map((b) => b.value as string);
/** Every text in the view, joined. */
const allText = (view: HomeView) =>
  blocks(view)
    .flatMap((b) => [text(b.text), text(b.label), ...((b.elements as unknown[] | undefined) ?? []).map(text)])
    .join('\n');
const sectionTexts = (view: HomeView) => blocks(view).filter((b) => b.type === 'section').map((b) => text(b.text));
/** Texts of the task sections, in order (those followed by the Run/star actions). */
function taskLines(view: HomeView): string[] {
  const bs = blocks(view);
  return bs.flatMap((b, i) => {
    const next = bs[i + 1];
    const isTask = next?.type === 'actions' && (next.elements as Json[]).some((e) => e.action_id === HOME_ACTION.run);
    return b.type === 'section' && isTask ? [text(b.text)] : [];
  });
}

/** Follows Next from page 0 to the end; returns every page's view. */
function allPages(m: HomeModel, pageKey: 'page' | 'runsPage' | 'knowledge', actionId: string): HomeView[] {
  const views: HomeView[] = [];
  let page = 0;
  for (let guard = 0; guard < 1000; guard++) {
    const pageModel =
      pageKey === 'knowledge' ? { ...m, knowledge: { items: m.knowledge?.items ?? [], page } } : { ...m, [pageKey]: page };
    const view = build(pageModel);
    views.push(view);
    const next = buttons(view, actionId).find((b) => text(b.text).startsWith('Next'));
    if (!next) return views;
    expect(Number(next.value)).toBe(page + 1);
    page = Number(next.value);
  }
  throw new Error('paging did not end');
}

// ---------------------------------------------------------------------------------------------------------------------

describe('buildHomeView: layout', () => {
  it('has a header, a search box that dispatches as the user types, and the home callback id', () => {
    const view = build(model({ tasks: tasksNamed(3), query: 'task' }));
    expect(view.type).toBe('home');
    expect(view.callback_id).toBe(HOME_CALLBACK_ID);
    expect(blocks(view)[0]).toMatchObject({ type: 'header', text: { text: 'Jasper' } });
    const search = blocks(view).find((b) => b.block_id === HOME_SEARCH_BLOCK);
    expect(search).toMatchObject({
      type: 'input',
      dispatch_action: true,
      element: {
        type: 'plain_text_input',
        action_id: HOME_ACTION.search,
        initial_value: 'task',
        dispatch_action_config: { trigger_actions_on: ['on_character_entered'] },
      },
    });
  });

  it('leaves the search box empty when there is no query', () => {
    const view = build(model({ tasks: tasksNamed(3) }));
    const search = blocks(view).find((b) => b.block_id === HOME_SEARCH_BLOCK);
    expect((search?.element as Json).initial_value).toBeUndefined();
  });

  it('gives every task a one-line description and Run and star buttons carrying provider:id', () => {
    const tasks = tasksNamed(3, (i) => ({ description: `Line one ${i}\n\nline   two` }));
    const view = build(model({ tasks }));
    expect(values(view, HOME_ACTION.run)).toEqual(tasks.map(homeTaskKey));
    expect(values(view, HOME_ACTION.star)).toEqual(tasks.map(homeTaskKey));
    expect(taskLines(view)[0]).toBe('*Task 0*\nLine one 0 line two');
    expect(homeTaskKey(tasks[0] as TaskDefinition)).toBe('jasper:t0');
  });

  it('escapes names and descriptions for mrkdwn', () => {
    const tasks = tasksNamed(1, () => ({ name: 'Q&A <draft>', description: 'Uses <b> & *stars*' }));
    const view = build(model({ tasks }));
    expect(taskLines(view)[0]).toContain('*Q&amp;A &lt;draft&gt;*');
    expect(taskLines(view)[0]).toContain('Uses &lt;b&gt; &amp;');
  });

  it('says when there are no tasks, and when a search matches nothing', () => {
    expect(allText(build(model()))).toContain('No tasks yet.');
    const view = build(model({ tasks: tasksNamed(4), query: 'zebra <x>' }));
    expect(allText(view)).toContain('No tasks match “zebra &lt;x&gt;”. Clear the search to see every task.');
    expect(values(view, HOME_ACTION.run)).toEqual([]);
  });

  it('keeps the query and the pages shown in private_metadata', () => {
    const view = build(model({ tasks: tasksNamed(45), query: 'task', page: 9, recentRuns: [], runsPage: 3 }));
    expect(readHomeMetadata(view.private_metadata)).toEqual({ query: 'task', page: 2, runsPage: 0, knowledgePage: 0, tonesPage: 0, historyPage: 0 });
    expect(readHomeMetadata('not json')).toEqual({ query: '', page: 0, runsPage: 0, knowledgePage: 0, tonesPage: 0, historyPage: 0 });
    expect(readHomeMetadata(undefined)).toEqual({ query: '', page: 0, runsPage: 0, knowledgePage: 0, tonesPage: 0, historyPage: 0 });
    const long = build(model({ query: 'x'.repeat(4000) }));
    expect(readHomeMetadata(long.private_metadata).query).toBe('');
  });
});

describe('buildHomeView: paging the task list', () => {
  it.each([0, 1, 19, 20, 21, 99, 100, 250])('%i tasks: every task reachable by Next, once, nothing cut', (n) => {
    const tasks = tasksNamed(n);
    const views = allPages(model({ tasks }), 'page', HOME_ACTION.page);
    expect(views).toHaveLength(Math.max(1, Math.ceil(n / TASKS_PER_PAGE)));
    const seen = views.flatMap((v) => values(v, HOME_ACTION.run));
    expect(seen).toHaveLength(n);
    expect(new Set(seen)).toEqual(new Set(tasks.map(homeTaskKey)));
    views.forEach((v, page) => {
      const previous = buttons(v, HOME_ACTION.page).find((b) => text(b.text).includes('Previous'));
      if (page === 0) expect(previous).toBeUndefined();
      else expect(previous?.value).toBe(String(page - 1));
      if (n > TASKS_PER_PAGE) {
        const from = page * TASKS_PER_PAGE + 1;
        const to = Math.min(n, from + TASKS_PER_PAGE - 1);
        expect(sectionTexts(v)).toContain(`Showing ${from}-${to} of ${n} tasks`);
      } else {
        expect(allText(v)).not.toContain('Showing');
      }
    });
  });

  it('shows "Showing 19-36 of 130" on the second page', () => {
    const view = build(model({ tasks: tasksNamed(130), page: 1 }));
    expect(allText(view)).toContain('Showing 19-36 of 130');
  });

  it('keeps the Previous and Next buttons in separate blocks (action ids are unique per block)', () => {
    const view = build(model({ tasks: tasksNamed(130), page: 2 }));
    const holders = blocks(view).filter((b) =>
      [...((b.elements as Json[] | undefined) ?? []), ...(isObj(b.accessory) ? [b.accessory] : [])].some(
        (e) => e.action_id === HOME_ACTION.page,
      ),
    );
    expect(holders).toHaveLength(2);
    expect(values(view, HOME_ACTION.page).sort()).toEqual(['1', '3']);
  });

  it('shows a page out of range as the nearest one', () => {
    const last = build(model({ tasks: tasksNamed(45), page: 99 }));
    expect(values(last, HOME_ACTION.run)).toHaveLength(9);
    expect(allText(last)).toContain('Showing 37-45 of 45');
    for (const page of [-3, Number.NaN, 0.5]) {
      expect(allText(build(model({ tasks: tasksNamed(45), page })))).toContain('Showing 1-18 of 45');
    }
  });

  it('pages the filtered list, not the whole catalogue', () => {
    const tasks = tasksNamed(250, (i) => ({ name: i % 2 ? `Blog ${i}` : `Email ${i}` }));
    const views = allPages(model({ tasks, query: 'blog' }), 'page', HOME_ACTION.page);
    const seen = views.flatMap((v) => values(v, HOME_ACTION.run));
    expect(seen).toHaveLength(125);
    expect(allText(views[0] as HomeView)).toContain('Showing 1-18 of 125');
  });

  it('stays within 100 blocks and 250 kB with every section full and every task in its own category', () => {
    const long = (s: string) => `${s} ${'word '.repeat(200)}`;
    const tasks = tasksNamed(250, (i) => ({
      name: long(`Task ${i}`),
      description: long('Description'),
      categories: [`Category ${i}`],
      scope: i % 2 ? 'PUBLIC' : 'WORKSPACE',
      kind: i % 3 ? 'task' : 'template',
    }));
    const options = (n: number, p: string): BrandOption[] =>
      Array.from({ length: n }, (_, i) => ({ id: `${p}-${i}-${'i'.repeat(140)}`, name: long(`${p} ${i}`) }));
    const m = model({
      tasks,
      favourites: tasks.filter((_, i) => i % 7 === 0).map(homeTaskKey),
      recentRuns: Array.from({ length: 30 }, (_, i) => ({
        sessionId: `s${i}`,
        taskName: long('Run'),
        status: 'done' as const,
        startedAt: NOW - i * MIN,
        permalink: `https://example.slack.com/archives/C1/p${i}?thread_ts=1&cid=C1`,
      })),
      brandOptions: {
        tones: options(150, 'tone'),
        audiences: options(150, 'aud'),
        styles: options(150, 'style'),
        languages: Array.from({ length: 150 }, (_, i) => ({ code: `L${i}`, name: long('Language') })),
      },
      usage: { used: 1_234_567, limit: 2_000_000, start: '2025-03-01T00:00:00Z', end: '2025-03-20T00:00:00Z' },
      knowledge: { items: Array.from({ length: 30 }, (_, i) => ({ id: `k${i}`, name: long('Doc'), tags: ['a', 'b'] })), page: 0 },
      tones: { items: options(150, 'tone'), page: 1, canEdit: true },
      history: {
        agent: 'Jarvis',
        page: 1,
        total: 40,
        entries: Array.from({ length: 5 }, (_, i) => ({ upstreamRunId: `tsk_${i}`, taskId: 'paperclip', text: long('Asked'), status: 'completed', createdAt: new Date(NOW - i * MIN).toISOString() })),
        taskNames: new Map([['paperclip', long('Paperclip')]]),
      },
    });
    const views = allPages(m, 'page', HOME_ACTION.page);
    expect(views.flatMap((v) => values(v, HOME_ACTION.run))).toHaveLength(250);
    for (const v of views) expect(v.blocks.length).toBeLessThanOrEqual(L.HOME_BLOCKS);
    // The other lists page too, on any task page.
    expect(allPages({ ...m, page: 7 }, 'runsPage', HOME_ACTION.runsPage)).toHaveLength(6);
    expect(allPages({ ...m, page: 12 }, 'knowledge', HOME_ACTION.knowledgePage)).toHaveLength(6);
    for (const v of views) expect(homeProblems(v)).toEqual([]);
  });

  it('squeezes a view that would be over 250 kB (escaped control characters, long ids) under it', () => {
    // JSON escapes a control character as 6 bytes, so every text here weighs 6 times its length.
    const nasty = '\u0001"\\'.repeat(1000);
    const id = (i: number, length: number) => `${i}${'\u0001'.repeat(length)}`;
    const options = Array.from({ length: 150 }, (_, i) => ({ id: id(i, 140), name: nasty }));
    const views = [149, 1000].map((idLength) =>
      build(
        model({
          tasks: tasksNamed(60, (i) => ({ id: id(i, idLength), name: nasty, slug: nasty, description: nasty, categories: [`${i}${nasty}`] })),
          query: '',
          recentRuns: Array.from({ length: 10 }, (_, i) => ({
            sessionId: `${i}`,
            taskName: nasty,
            status: 'failed' as const,
            startedAt: 0,
            permalink: `https://x.com/${'&'.repeat(480)}`,
          })),
          brandOptions: { tones: options, audiences: options, styles: options, languages: options.map((o) => ({ code: o.id, name: nasty })) },
          usage: { used: 1e15, limit: 1e15, start: nasty, end: nasty },
          knowledge: { items: Array.from({ length: 10 }, (_, i) => ({ id: id(i, idLength), name: nasty, tags: [nasty, nasty] })), page: 0 },
        }),
      ),
    );
    for (const view of views) expect(Buffer.byteLength(JSON.stringify(view))).toBeLessThanOrEqual(L.VIEW_MAX_BYTES);
    // A search for such a task still fits too.
    const searched = build(model({ tasks: tasksNamed(60, (i) => ({ id: id(i, 149), name: nasty })), query: nasty.slice(0, 600) }));
    expect(Buffer.byteLength(JSON.stringify(searched))).toBeLessThanOrEqual(L.VIEW_MAX_BYTES);
  });

  it('leaves the buttons off a task whose key is too long for a button value, and says how to run it', () => {
    const view = build(model({ tasks: tasksNamed(1, () => ({ id: 'x'.repeat(L.BUTTON_VALUE) })) }));
    expect(values(view, HOME_ACTION.run)).toEqual([]);
    expect(sectionTexts(view).join('\n')).toContain('Run it with `/jasper run task-0`');
  });
});

describe('buildHomeView: search, favourites, groups, labels', () => {
  const catalogue: TaskDefinition[] = [
    task([], { id: 'blog', name: 'Blog Post', slug: 'blog-post', description: 'Long-form SEO content', categories: ['Content'], scope: 'PUBLIC' }),
    task([], { id: 'email', name: 'Email Campaign', slug: 'email-campaign', description: 'A newsletter', categories: ['Marketing'], scope: 'WORKSPACE' }),
    task([], { id: 'ad', name: 'Facebook Ad', slug: 'facebook-ad', description: 'Short ad copy', categories: ['marketing'], scope: 'USER' }),
    task([], { id: 'tpl', name: 'Product Description', slug: 'product-description', description: 'For the shop', categories: [], kind: 'template', scope: 'PUBLIC' }),
    task([], { id: 'misc', name: 'Anything', slug: 'anything', description: 'Free text', categories: ['  '] }),
  ];
  const keys = (view: HomeView) => values(view, HOME_ACTION.run);

  it.each([
    ['blog', ['jasper:blog']],
    ['BLOG', ['jasper:blog']],
    ['email-campaign', ['jasper:email']],
    ['seo', ['jasper:blog']],
    ['MARKETING', ['jasper:email', 'jasper:ad']],
    ['ad copy', ['jasper:ad']],
    ['  post   blog ', ['jasper:blog']],
    ['blog email', []],
  ])('filters by name, slug, description and categories, case-insensitively: %j', (query, expected) => {
    expect(keys(build(model({ tasks: catalogue, query })))).toEqual(expected);
  });

  it('groups by category (A-Z, case-insensitive), tasks without one under "Other" last', () => {
    const view = build(model({ tasks: catalogue }));
    const headings = sectionTexts(view).filter((t) => /^\*[^*]+\*( \(continued\))?$/.test(t));
    expect(headings).toEqual(['*Content*', '*Marketing*', '*Other*']);
    expect(keys(view)).toEqual(['jasper:blog', 'jasper:email', 'jasper:ad', 'jasper:misc', 'jasper:tpl']);
  });

  it('pins favourites first, starred, with an Unstar button, and does not repeat them in their category', () => {
    const view = build(model({ tasks: catalogue, favourites: ['jasper:tpl', 'jasper:email', 'jasper:gone'] }));
    expect(keys(view)).toEqual(['jasper:email', 'jasper:tpl', 'jasper:blog', 'jasper:ad', 'jasper:misc']);
    expect(sectionTexts(view)).toContain(`*${FAVOURITES_GROUP}*`);
    const lines = taskLines(view);
    expect(lines[0]).toMatch(/^★ \*Email Campaign\*/);
    expect(lines[2]).toMatch(/^\*Blog Post\*/);
    const stars = buttons(view, HOME_ACTION.star);
    expect(stars.map((b) => text(b.text))).toEqual(['★ Unstar', '★ Unstar', '☆ Star', '☆ Star', '☆ Star']);
    expect(stars.map((b) => b.value)).toEqual(keys(view));
  });

  it('filters favourites with the query too', () => {
    const view = build(model({ tasks: catalogue, favourites: ['jasper:tpl'], query: 'blog' }));
    expect(keys(view)).toEqual(['jasper:blog']);
    expect(sectionTexts(view)).not.toContain(`*${FAVOURITES_GROUP}*`);
  });

  it('tells Jasper tasks from the workspace’s own and marks templates', () => {
    const lines = taskLines(build(model({ tasks: catalogue })));
    expect(lines.find((l) => l.includes('Blog Post'))).toContain('_Jasper_');
    expect(lines.find((l) => l.includes('Email Campaign'))).toContain('_Your workspace_');
    expect(lines.find((l) => l.includes('Facebook Ad'))).toContain('_Your workspace_');
    expect(lines.find((l) => l.includes('Product Description'))).toContain('_Jasper · Template_');
    expect(lines.find((l) => l.includes('Anything'))).not.toContain('·');
  });

  it('repeats the group heading, marked continued, when a group goes on from the previous page', () => {
    const tasks = tasksNamed(30, () => ({ categories: ['Content'] }));
    expect(sectionTexts(build(model({ tasks, page: 1 })))).toContain('*Content* (continued)');
    expect(sectionTexts(build(model({ tasks, page: 0 })))).toContain('*Content*');
  });

  it('sorts by name with numbers in order', () => {
    const view = build(model({ tasks: tasksNamed(12) }));
    expect(taskLines(view).map((l) => /\*(.+?)\*/.exec(l)?.[1])).toEqual(Array.from({ length: 12 }, (_, i) => `Task ${i}`));
  });

  it('lists a task once when the catalogue has it twice', () => {
    const [a] = tasksNamed(1);
    expect(values(build(model({ tasks: [a as TaskDefinition, a as TaskDefinition] })), HOME_ACTION.run)).toEqual(['jasper:t0']);
  });
});

describe('buildHomeView: recent runs', () => {
  const run = (i: number, extra: Partial<HomeModel['recentRuns'][number]> = {}) => ({
    sessionId: `s${i}`,
    taskName: `Run ${i}`,
    status: 'done' as const,
    startedAt: NOW - i * 10 * MIN,
    permalink: `https://acme.slack.com/archives/C1/p${i}`,
    ...extra,
  });

  it('shows task, status, when and a link to the thread, newest first', () => {
    const runs = [run(2, { status: 'failed' }), run(0, { status: 'running' }), run(1, { status: 'cancelled', permalink: undefined })];
    const texts = sectionTexts(build(model({ recentRuns: runs })));
    const shown = texts.filter((t) => t.startsWith('*Run '));
    expect(shown).toEqual([
      '*Run 0*\n🔄 Running  ·  just now  ·  <https://acme.slack.com/archives/C1/p0|Open thread>',
      '*Run 1*\n🚫 Cancelled  ·  10 minutes ago',
      '*Run 2*\n❌ Failed  ·  20 minutes ago  ·  <https://acme.slack.com/archives/C1/p2|Open thread>',
    ]);
  });

  it('does not link a permalink that is not a plain URL', () => {
    const texts = sectionTexts(build(model({ recentRuns: [run(0, { permalink: 'https://x|y' }), run(1, { permalink: 'javascript:1' })] })));
    expect(texts.join('\n')).not.toContain('Open thread');
  });

  it('pages runs with Next/Previous carrying the target page', () => {
    const runs = Array.from({ length: 12 }, (_, i) => run(i));
    const views = allPages(model({ recentRuns: runs }), 'runsPage', HOME_ACTION.runsPage);
    expect(views).toHaveLength(Math.ceil(12 / RUNS_PER_PAGE));
    const shown = views.flatMap((v) => sectionTexts(v).filter((t) => t.startsWith('*Run ')));
    expect(shown).toHaveLength(12);
    expect(allText(views[1] as HomeView)).toContain('Showing 6-10 of 12 runs');
    expect(values(views[1] as HomeView, HOME_ACTION.runsPage).sort()).toEqual(['0', '2']);
  });

  it('says when there are no runs', () => {
    expect(allText(build(model()))).toContain('No runs yet.');
  });

  it.each([
    ['pending', '⏳ Pending'],
    ['running', '🔄 Running'],
    ['done', '✅ Done'],
    ['failed', '❌ Failed'],
    ['cancelled', '🚫 Cancelled'],
    ['interrupted', '⚠️ Interrupted'],
  ] as const)('status %s reads %s', (status, label) => {
    expect(statusLabel(status)).toBe(label);
  });

  it.each([
    [-5_000, 'just now'],
    [30_000, 'just now'],
    [MIN, '1 minute ago'],
    [59 * MIN, '59 minutes ago'],
    [60 * MIN, '1 hour ago'],
    [23 * 60 * MIN, '23 hours ago'],
    [30 * 60 * MIN, 'yesterday'],
    [3 * 24 * 60 * MIN, '3 days ago'],
    [45 * 24 * 60 * MIN, '1 month ago'],
    [800 * 24 * 60 * MIN, '2 years ago'],
  ])('relative time %i ms ago: %s', (ago, expected) => {
    expect(relativeTime(NOW - ago, NOW)).toBe(expected);
  });
});

describe('buildHomeView: settings', () => {
  const tones: BrandOption[] = [
    { id: 'tone-1', name: 'Friendly' },
    { id: 'tone-2', name: 'Formal' },
  ];
  const brandOptions = {
    tones,
    audiences: [{ id: 'aud-1', name: 'Developers' }],
    styles: [{ id: 'style-1', name: 'House style' }],
    languages: [
      { code: 'EN-US', name: 'English (US)' },
      { code: 'DE', name: 'German' },
    ],
  };
  const selectFor = (view: HomeView, actionId: string) => elementsOf(view).find((e) => e.action_id === actionId);

  it('offers tone, audience, style guide and language selects pre-set from the defaults (values are ids and codes)', () => {
    const view = build(model({ brandOptions, defaults: { toneId: 'tone-2', toLanguage: 'DE' } }));
    const tone = selectFor(view, HOME_ACTION.defaultTone);
    expect(tone).toMatchObject({ type: 'static_select', initial_option: { value: 'tone-2', text: { text: 'Formal' } } });
    expect((tone?.options as Json[]).map((o) => o.value)).toEqual([NO_DEFAULT_VALUE, 'tone-1', 'tone-2']);
    expect(selectFor(view, HOME_ACTION.defaultLanguage)).toMatchObject({ initial_option: { value: 'DE' } });
    expect(selectFor(view, HOME_ACTION.defaultAudience)?.initial_option).toBeUndefined();
    expect(selectFor(view, HOME_ACTION.defaultStyle)).toMatchObject({ options: [{ value: NO_DEFAULT_VALUE }, { value: 'style-1' }] });
  });

  it('says when a list has nothing to choose', () => {
    const view = build(model());
    expect(selectFor(view, HOME_ACTION.defaultTone)).toBeUndefined();
    expect(sectionTexts(view)).toContain('*Tone*\nNone set up yet.');
  });

  it('shortens a list over 100 with a note, keeping the default in it, and leaves out ids too long for a value', () => {
    const many = Array.from({ length: 130 }, (_, i) => ({ id: `t${i}`, name: `Tone ${i}` }));
    const view = build(
      model({ brandOptions: { ...brandOptions, tones: [...many, { id: 'x'.repeat(151), name: 'Too long' }] }, defaults: { toneId: 't120' } }),
    );
    const tone = selectFor(view, HOME_ACTION.defaultTone);
    const options = tone?.options as Json[];
    expect(options).toHaveLength(100);
    expect(options.map((o) => o.value)).toContain('t120');
    expect(tone?.initial_option).toMatchObject({ value: 't120' });
    expect(allText(view)).toContain('Only the first 99 of 130 tones fit in this menu.');
  });
});

describe('buildHomeView: usage', () => {
  const start = '2025-03-01T00:00:00Z';
  it('shows usage compactly, against the limit when there is one', () => {
    const view = build(model({ usage: { used: 1234, limit: 10_000, start, end: '2025-03-20T00:00:00Z' } }));
    const line = allText(view);
    expect(line).toContain('1,234 requests this month');
    expect(line).toContain('of 10,000');
  });

  it.each([
    [{ used: 1234, start, end: '' }, '1,234 requests this month'],
    [{ used: 1, start, end: '' }, '1 request this month'],
    [{ used: 0, limit: 500, start, end: '' }, '0 requests this month, of 500 (0%)'],
    [{ used: 1234, limit: 10_000, start, end: '' }, '1,234 requests this month, of 10,000 (12%)'],
    [{ used: 12_000, limit: 10_000, start, end: '' }, '12,000 requests this month, of 10,000 (120%): the limit is reached'],
    [{ used: 5, start: '2025-02-28T23:00:00Z', end: '' }, '5 requests this month'],
    [{ used: 5, start: '2025-03-03T00:00:00Z', end: '' }, '5 requests since 3 Mar'],
    [{ used: 5, start: 'whenever', end: '' }, '5 requests this period'],
    [{ start, end: '' }, "requests this month: unknown (Jasper's answer did not include them)"],
    [{ limit: 500, start, end: '' }, "requests this month: unknown (Jasper's answer did not include them)"],
    [{ used: 40, unreadablePoints: 2, limit: 100, start, end: '' }, "at least 40 requests this month, of 100 (at least 40%) (2 figures missing from Jasper's answer)"],
  ])('usageLine(%j) = %s', (usage, expected) => {
    expect(usageLine(usage)).toBe(expected);
  });

  it('leaves usage out when there is none', () => {
    expect(allText(build(model()))).not.toContain('Workspace usage');
  });
});

describe('buildHomeView: knowledge', () => {
  const items: KnowledgeItem[] = Array.from({ length: 12 }, (_, i) => ({ id: `k${i}`, name: `Doc ${i}`, tags: i ? ['brand'] : [] }));

  it('lists knowledge with a Delete button that asks for confirmation first', () => {
    const view = build(model({ knowledge: { items: [{ id: 'k1', name: 'Brand book & voice', tags: ['brand', 'voice'] }], page: 0 } }));
    const [del] = buttons(view, HOME_ACTION.knowledgeDelete);
    expect(del).toMatchObject({
      value: 'k1',
      confirm: {
        title: { type: 'plain_text', text: 'Delete this knowledge?' },
        text: { type: 'plain_text' },
        confirm: { text: 'Delete' },
        deny: { text: 'Keep it' },
        style: 'danger',
      },
    });
    expect(del?.style).toBeUndefined();
    expect(text((del?.confirm as Json).text)).toContain('“Brand book & voice”');
    expect(sectionTexts(view)).toContain('📄 *Brand book &amp; voice*\nTags: brand, voice');
  });

  it('pages knowledge, every item reachable', () => {
    const views = allPages(model({ knowledge: { items, page: 0 } }), 'knowledge', HOME_ACTION.knowledgePage);
    expect(views).toHaveLength(Math.ceil(12 / KNOWLEDGE_PER_PAGE));
    expect(views.flatMap((v) => values(v, HOME_ACTION.knowledgeDelete))).toEqual(items.map((i) => i.id));
    expect(allText(views[2] as HomeView)).toContain('Showing 11-12 of 12 items');
  });

  it('says when there is none, and leaves the section out when the provider has no knowledge', () => {
    expect(allText(build(model({ knowledge: { items: [], page: 0 } })))).toContain('No knowledge yet.');
    expect(allText(build(model()))).not.toContain('Knowledge');
  });
});

describe('buildHomeView: any model', () => {
  const text = fc.string({ maxLength: 40, unit: 'binary' });
  const taskArb = fc.record({
    id: fc.string({ minLength: 1, maxLength: 20 }),
    name: text,
    description: text,
    categories: fc.array(fc.constantFrom('A', 'b', 'B', 'Other', '', 'Zed <&>'), { maxLength: 2 }),
    scope: fc.constantFrom(undefined, 'PUBLIC', 'WORKSPACE', 'USER', 'ODD'),
    kind: fc.constantFrom(undefined, 'task' as const, 'template' as const),
  });

  it('keeps every limit, and every matching task is reachable by paging exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(taskArb, { maxLength: 70 }),
        fc.string({ maxLength: 4 }),
        fc.array(fc.nat(80), { maxLength: 10 }),
        fc.integer({ min: -2, max: 10 }),
        (raw, query, favIdx, page) => {
          const tasks = raw.map((r, i) => task([], { ...r, id: `${i}-${r.id}`, slug: `s${i}` }));
          const favourites = favIdx.map((i) => `jasper:${tasks[i]?.id ?? 'none'}`);
          const m = model({ tasks, query, favourites, page });
          expect(homeProblems(buildHomeView(m))).toEqual([]);
          const views = allPages({ ...m, page: 0 }, 'page', HOME_ACTION.page);
          const seen = views.flatMap((v) => values(v, HOME_ACTION.run));
          expect(new Set(seen).size).toBe(seen.length);
          const words = query.toLowerCase().split(/\s+/).filter(Boolean);
          const expected = tasks.filter((t) =>
            words.every((w) => [t.name, t.slug, t.description, ...t.categories].join('\n').toLowerCase().includes(w)),
          );
          expect(new Set(seen)).toEqual(new Set(expected.map(homeTaskKey)));
          // Favourites come first.
          const starred = new Set(favourites);
          const flags = seen.map((k) => starred.has(k));
          expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('buildHomeView: an agent API\'s recent runs', () => {
  const entry = (i: number, text = `Asked ${i}`) => ({ upstreamRunId: `tsk_${i}`, taskId: 'hermes', text, status: i % 2 ? 'failed' : 'completed', createdAt: new Date(NOW - i * MIN).toISOString() });
  const names = new Map([['hermes', 'Hermes']]);

  it('lists a page of runs by task name, status and time, with Next and Previous carrying the page', () => {
    const view = build(model({ history: { agent: 'Jarvis', page: 1, total: 12, entries: [5, 6, 7, 8, 9].map((i) => entry(i)), taskNames: names } }));
    const text = allText(view);
    expect(text).toContain('Recent Jarvis runs');
    expect(text).toContain('*Hermes* · failed · 5 minutes ago');
    expect(text).toContain('Showing 6-10 of 12 runs');
    expect(values(view, HOME_ACTION.historyPage).sort()).toEqual(['0', '2']);
    expect(readHomeMetadata(view.private_metadata).historyPage).toBe(1);
  });

  it('escapes what a run was asked', () => {
    const view = build(model({ history: { agent: 'Jarvis', page: 0, total: 1, entries: [entry(1, 'Tell <!channel> and <@U1> <https://x.example|here>')], taskNames: names } }));
    const json = JSON.stringify(view.blocks);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U1>');
    expect(json).not.toContain('<https://x.example|');
  });

  it('says why when the runs could not be read, and when there are none', () => {
    expect(allText(build(model({ history: { agent: 'Jarvis', page: 0, error: 'Jarvis did not answer. Try again in a minute.' } })))).toContain('Jarvis did not answer');
    expect(allText(build(model({ history: { agent: 'Jarvis', page: 0, total: 0, entries: [], taskNames: names } })))).toContain('No runs yet.');
  });
});
