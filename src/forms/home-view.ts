import type { HomeView, InputBlock, KnownBlock } from '@slack/types';
import { z } from 'zod';
import { COMPACTIONS, type Compaction } from './home/compaction.js';
import { clampPage, usageLine } from './home/format.js';
import { HOME_ACTION, type HomeModel } from './home/model.js';
import {
  contextLines,
  header,
  KNOWLEDGE_PER_PAGE,
  knowledgeBlocks,
  runBlocks,
  RUNS_PER_PAGE,
  settingsBlocks,
} from './home/sections.js';
import { historyBlocks } from './home/history.js';
import { orderTasks, taskBlocks } from './home/tasks.js';
import { TONES_PER_PAGE, toneBlocks } from './home/tones.js';
import { PRIVATE_METADATA, VIEW_MAX_BYTES, truncate } from './limits.js';

export { HOME_ACTION, homeTaskKey } from './home/model.js';
export type { BrandDefaults, BrandOptions, HomeModel, HomeRun, HomeRunStatus, LanguageOption } from './home/model.js';
export { KNOWLEDGE_PER_PAGE, RUNS_PER_PAGE } from './home/sections.js';
export { TONE_MENU, TONES_PER_PAGE } from './home/tones.js';
export { FAVOURITES_GROUP, matchesQuery, orderTasks, OTHER_GROUP, TASKS_PER_PAGE } from './home/tasks.js';
export { relativeTime, statusLabel, usageLine } from './home/format.js';
export { NO_DEFAULT_VALUE } from './brand-section.js';

export const HOME_CALLBACK_ID = 'home';
export const HOME_SEARCH_BLOCK = 'home.search';
/** The search box shows at most this much of the query (the filter uses all of it). */
const QUERY_SHOWN_MAX = 500;

/** What a published Home view shows, kept in its `private_metadata` so an action can rebuild it. */
export interface HomeViewState {
  query: string;
  /** 0-based pages actually shown. */
  page: number;
  runsPage: number;
  knowledgePage: number;
  tonesPage: number;
  historyPage: number;
}

const stateSchema = z.object({
  q: z.string().catch(''),
  p: z.number().int().min(0).catch(0),
  r: z.number().int().min(0).catch(0),
  k: z.number().int().min(0).catch(0),
  t: z.number().int().min(0).catch(0),
  h: z.number().int().min(0).catch(0),
});

function encodeState(state: HomeViewState): string {
  const full = JSON.stringify({ q: state.query, p: state.page, r: state.runsPage, k: state.knowledgePage, t: state.tonesPage, h: state.historyPage });
  if (full.length <= PRIVATE_METADATA) return full;
  // A query too long to keep is dropped rather than cut (a cut query would filter differently).
  return JSON.stringify({ q: '', p: 0, r: state.runsPage, k: state.knowledgePage, t: state.tonesPage, h: state.historyPage });
}

/** The query and pages a Home view was built with (from `view.private_metadata`); the first pages when unreadable. */
export function readHomeMetadata(privateMetadata: string | undefined): HomeViewState {
  let raw: unknown = {};
  try {
    raw = JSON.parse(privateMetadata ?? '{}');
  } catch {
    raw = {};
  }
  const parsed = stateSchema.safeParse(raw);
  const s = parsed.success ? parsed.data : { q: '', p: 0, r: 0, k: 0, t: 0, h: 0 };
  return { query: s.q, page: s.p, runsPage: s.r, knowledgePage: s.k, tonesPage: s.t, historyPage: s.h };
}

function searchBlock(query: string): InputBlock {
  const shown = truncate(query, QUERY_SHOWN_MAX);
  return {
    type: 'input',
    block_id: HOME_SEARCH_BLOCK,
    dispatch_action: true,
    label: { type: 'plain_text', text: 'Find a task', emoji: true },
    element: {
      type: 'plain_text_input',
      action_id: HOME_ACTION.search,
      placeholder: { type: 'plain_text', text: 'Search by name, category or description', emoji: true },
      dispatch_action_config: { trigger_actions_on: ['on_character_entered'] },
      ...(shown !== '' && { initial_value: shown }),
    },
  };
}

const divider: KnownBlock = { type: 'divider' };

function render(model: HomeModel, c: Compaction): HomeView {
  const entries = orderTasks(model.tasks, model.favourites, model.query, model.providers);
  const tasks = taskBlocks(entries, model.page, model.query, model.tasks.length, c, model.command);
  const knowledgeShown = model.knowledge;
  const blocks: KnownBlock[] = [
    header('Jasper'),
    ...(model.usage ? contextLines([`📊 Workspace usage: ${usageLine(model.usage)}`]) : []),
    ...runBlocks(model.recentRuns, model.runsPage, model.now, c, model.command),
    ...(model.history ? [divider, ...historyBlocks(model.history, model.now)] : []),
    divider,
    header('Tasks'),
    searchBlock(model.query),
    ...tasks.blocks,
    divider,
    ...settingsBlocks(model, c),
    ...(model.tones ? [divider, ...toneBlocks(model.tones, c)] : []),
    ...(knowledgeShown ? [divider, ...knowledgeBlocks(knowledgeShown, c)] : []),
  ];
  const runsPage = clampPage(model.runsPage, model.recentRuns.length, RUNS_PER_PAGE);
  const knowledgePage = knowledgeShown ? clampPage(knowledgeShown.page, knowledgeShown.items.length, KNOWLEDGE_PER_PAGE) : 0;
  return {
    type: 'home',
    callback_id: HOME_CALLBACK_ID,
    private_metadata: encodeState({
      query: model.query,
      page: tasks.page.page,
      runsPage,
      knowledgePage,
      tonesPage: model.tones ? clampPage(model.tones.page, model.tones.items.length, TONES_PER_PAGE) : 0,
      historyPage: model.history?.page ?? 0,
    }),
    blocks,
  };
}

/**
 * The Home tab: a header and the workspace's usage; the user's recent runs (status, when, a link to the thread);
 * the task catalogue with a search box that filters as the user types, favourites pinned first, then grouped by
 * category, each with Run and star buttons; Settings for the user's brand defaults; and the workspace's knowledge with
 * a confirmed Delete. Long lists are paged (Next/Previous carry the target page), never cut: every page stays within
 * Slack's 100 blocks and 250 kB.
 *
 * Blocks at most: header 1 + usage 1 + runs 8 + divider 1 + agent runs 4 + divider 1 + tasks header and search 2
 * + tasks 3 * 18 + pager 2 + divider 1 + settings 6 + divider 1 + tones 7 + divider 1 + knowledge 8 = 98.
 */
export function buildHomeView(model: HomeModel): HomeView {
  let view: HomeView | undefined;
  for (const c of COMPACTIONS) {
    view = render(model, c);
    if (Buffer.byteLength(JSON.stringify(view)) <= VIEW_MAX_BYTES) break;
  }
  return view as HomeView;
}
