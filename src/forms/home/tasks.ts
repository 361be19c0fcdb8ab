import type { KnownBlock, SectionBlock } from '@slack/types';
import type { TaskDefinition } from '../../providers/types.js';
import { mrkdwnWithin, oneLine } from '../fill-prompts/blocks.js';
import { type Compaction } from './compaction.js';
import { HOME_ACTION, homeTaskKey } from './model.js';
import { homeButton, type Page, pageOf, pagerBlocks } from './pager.js';

/** Tasks on one page of the Home tab. Each takes at most 3 blocks (its group's heading, its text, its buttons). */
export const TASKS_PER_PAGE = 18;
/** Blocks `taskBlocks` adds besides the tasks: at most a note and the pager's two. */
export const TASK_LIST_OVERHEAD = 2;

export const FAVOURITES_GROUP = '★ Favourites';
export const OTHER_GROUP = 'Other';

export interface TaskEntry {
  task: TaskDefinition;
  /** The heading it is listed under. */
  group: string;
  favourite: boolean;
}

/** Every word of the query (case-insensitive) is somewhere in the task's name, slug, description or categories. */
export function matchesQuery(task: TaskDefinition, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [task.name, task.slug, task.description, ...task.categories].join('\n').toLowerCase();
  return words.every((w) => haystack.includes(w));
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const byName = (a: TaskDefinition, b: TaskDefinition) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A task's category heading: its first category, or "Other". Categories differing only in case are one. */
function categoryOf(task: TaskDefinition): string {
  return task.categories.map((c) => oneLine(c)).find((c) => c !== '') ?? OTHER_GROUP;
}

/** An agent whose tasks Home lists: its id (a task's `provider`) and its name. */
export interface HomeProvider {
  id: string;
  name: string;
}

/**
 * A task's heading: its category, under its agent's name when several agents are listed ("Jarvis", "Jasper · Blog").
 * A category that only repeats the agent's name, or "Other", adds nothing to it.
 */
function groupOf(task: TaskDefinition, providers: readonly HomeProvider[]): string {
  const category = categoryOf(task);
  if (providers.length < 2) return category;
  const agent = providers.find((p) => p.id === task.provider)?.name ?? task.provider;
  return category === OTHER_GROUP || category.toLowerCase() === agent.toLowerCase() ? agent : `${agent} · ${category}`;
}

/**
 * The tasks the Home tab lists, in order: those matching `query`, favourites first (by name), then by agent (in the
 * order of `providers`) when several are on, then by category (A-Z, "Other" last), by name within each. Each task once
 * (the first of two with the same key).
 */
export function orderTasks(tasks: readonly TaskDefinition[], favourites: readonly string[], query: string, providers: readonly HomeProvider[] = []): TaskEntry[] {
  const starred = new Set(favourites);
  const seen = new Set<string>();
  const unique = tasks.filter((t) => {
    const key = homeTaskKey(t);
    if (seen.has(key)) return false;
    seen.add(key);
    return matchesQuery(t, query);
  });
  const pinned = unique.filter((t) => starred.has(homeTaskKey(t))).sort(byName);
  const groups = new Map<string, { name: string; rank: number; other: boolean; tasks: TaskDefinition[] }>();
  const rankOf = (task: TaskDefinition) => {
    const index = providers.findIndex((p) => p.id === task.provider);
    return index < 0 ? providers.length : index;
  };
  for (const task of unique) {
    if (starred.has(homeTaskKey(task))) continue;
    const name = groupOf(task, providers);
    const id = name.toLowerCase();
    const group = groups.get(id) ?? { name, rank: rankOf(task), other: categoryOf(task) === OTHER_GROUP, tasks: [] };
    group.tasks.push(task);
    groups.set(id, group);
  }
  const ordered = [...groups.values()].sort((a, b) => a.rank - b.rank || Number(a.other) - Number(b.other) || collator.compare(a.name, b.name));
  return [
    ...pinned.map((task) => ({ task, group: FAVOURITES_GROUP, favourite: true })),
    ...ordered.flatMap((g) => g.tasks.sort(byName).map((task) => ({ task, group: g.name, favourite: false }))),
  ];
}

/** "Jasper" for a vendor-published task, "Your workspace" for the team's own, nothing when the scope is not said. */
export function scopeLabel(task: TaskDefinition): string | null {
  const scope = task.scope?.toUpperCase();
  if (scope === 'PUBLIC') return task.provider === 'jasper' ? 'Jasper' : task.provider.charAt(0).toUpperCase() + task.provider.slice(1);
  if (scope === 'WORKSPACE' || scope === 'USER' || scope === 'TEAM' || scope === 'PRIVATE') return 'Your workspace';
  return null;
}

function taskText(entry: TaskEntry, c: Compaction, runnable: boolean, command: string): string {
  const { task } = entry;
  const labels = [scopeLabel(task), task.kind === 'template' ? 'Template' : null].filter((l): l is string => l !== null);
  const name = mrkdwnWithin(oneLine(task.name) || task.slug || task.id, c.nameMax);
  const lines = [`${entry.favourite ? '★ ' : ''}*${name}*${labels.length > 0 ? `  ·  _${labels.join(' · ')}_` : ''}`];
  const description = oneLine(task.description);
  if (description) lines.push(mrkdwnWithin(description, c.descriptionMax));
  if (!runnable) lines.push(`Run it with \`${command} run ${mrkdwnWithin(task.slug, c.nameMax)}\``);
  return lines.join('\n');
}

/** Run is a plain button: twenty green ones in a list would each claim to be the one thing to do (one primary a view). */
function entryBlocks(entry: TaskEntry, c: Compaction, command: string): KnownBlock[] {
  const key = homeTaskKey(entry.task);
  const runnable = key.length <= c.valueMax;
  const text: SectionBlock = { type: 'section', text: { type: 'mrkdwn', text: taskText(entry, c, runnable, command) } };
  if (!runnable) return [text];
  const star = entry.favourite ? homeButton('★ Unstar', HOME_ACTION.star, key) : homeButton('☆ Star', HOME_ACTION.star, key);
  return [text, { type: 'actions', elements: [homeButton('Run', HOME_ACTION.run, key), star] }];
}

function heading(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

/**
 * One page of the task list: a heading where the group changes (and at the top of the page, "continued" when the
 * group began on an earlier page), each task's line with Run and star buttons, then the pager. A search that matches
 * nothing says so. At most 3 * TASKS_PER_PAGE + TASK_LIST_OVERHEAD blocks.
 */
export function taskBlocks(
  entries: readonly TaskEntry[],
  requested: number,
  query: string,
  allTasks: number,
  c: Compaction,
  command = '/jasper',
): { blocks: KnownBlock[]; page: Page<TaskEntry> } {
  const page = pageOf(entries, requested, TASKS_PER_PAGE);
  const blocks: KnownBlock[] = [];
  if (entries.length === 0) {
    const said = oneLine(query);
    const text = said
      ? `No tasks match “${mrkdwnWithin(said, 200)}”.${allTasks > 0 ? ' Clear the search to see every task.' : ''}`
      : 'No tasks yet.';
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
    return { blocks, page };
  }
  const before = entries[page.from - 2];
  let group: string | undefined;
  for (const entry of page.items) {
    if (entry.group !== group) {
      const continued = group === undefined && before?.group === entry.group;
      blocks.push(heading(`*${mrkdwnWithin(entry.group, c.nameMax)}*${continued ? ' (continued)' : ''}`));
      group = entry.group;
    }
    blocks.push(...entryBlocks(entry, c, command));
  }
  blocks.push(...pagerBlocks('home.tasks', HOME_ACTION.page, page, 'tasks'));
  return { blocks, page };
}
