import type { ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import {
  BRAND_KINDS,
  BRAND_WORDS,
  brandChoices,
  brandList,
  brandPreset,
  type BrandKind,
  shortenedNote,
} from '../brand-section.js';
import { mrkdwnWithin, oneLine } from '../fill-prompts/blocks.js';
import { CONTEXT_ELEMENTS, HEADER_TEXT, truncate } from '../limits.js';
import type { Compaction } from './compaction.js';
import { relativeTime, statusLabel } from './format.js';
import { HOME_ACTION, type HomeModel, type HomeRun } from './model.js';
import { homeButton, pageOf, pagerBlocks } from './pager.js';

export const RUNS_PER_PAGE = 5;
export const KNOWLEDGE_PER_PAGE = 5;
/** A permalink longer than this (or not a plain http(s) URL) is not linked. */
const PERMALINK_MAX = 500;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

export function header(text: string): KnownBlock {
  return { type: 'header', text: plain(truncate(text, HEADER_TEXT)) };
}

export function contextLines(lines: readonly string[]): ContextBlock[] {
  const elements = lines
    .filter((l) => l.trim() !== '')
    .slice(0, CONTEXT_ELEMENTS)
    .map((text) => ({ type: 'mrkdwn' as const, text }));
  return elements.length > 0 ? [{ type: 'context', elements }] : [];
}

const section = (text: string): SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

function threadLink(permalink: string | undefined): string | null {
  if (!permalink || permalink.length > PERMALINK_MAX || !/^https?:\/\/[^\s|<>]+$/.test(permalink)) return null;
  return `<${permalink.replace(/&/g, '&amp;')}|Open thread>`;
}

/** "Your recent runs", newest first: task, status, when, and a link to the thread; paged. At most 1 + 5 + 2 blocks. */
export function runBlocks(runs: readonly HomeRun[], requested: number, now: number, c: Compaction, command = '/jasper'): KnownBlock[] {
  const blocks: KnownBlock[] = [header('Your recent runs')];
  if (runs.length === 0) {
    return [...blocks, ...contextLines([`No runs yet. Run a task below, or with \`${command} run &lt;task&gt;\` in any channel.`])];
  }
  const newestFirst = [...runs].sort((a, b) => b.startedAt - a.startedAt);
  const page = pageOf(newestFirst, requested, RUNS_PER_PAGE);
  for (const run of page.items) {
    const name = mrkdwnWithin(oneLine(run.taskName) || 'A task', c.nameMax);
    const link = threadLink(run.permalink);
    const line = [statusLabel(run.status), relativeTime(run.startedAt, now), ...(link ? [link] : [])].join('  ·  ');
    blocks.push(section(`*${name}*\n${line}`));
  }
  blocks.push(...pagerBlocks('home.runs', HOME_ACTION.runsPage, page, 'runs'));
  return blocks;
}

const SETTING_ACTION: Record<BrandKind, string> = {
  tone: HOME_ACTION.defaultTone,
  audience: HOME_ACTION.defaultAudience,
  style: HOME_ACTION.defaultStyle,
  language: HOME_ACTION.defaultLanguage,
};

/**
 * Settings: the user's defaults for tone, audience, style guide and output language, each a static select pre-set
 * from `defaults` (values are ids and language codes; "No default" clears). Lists longer than a select holds are
 * shortened, and a note says so. 6 blocks.
 */
export function settingsBlocks(model: Pick<HomeModel, 'brandOptions' | 'command' | 'defaults'>, c: Compaction): KnownBlock[] {
  const notes = [`Your defaults for every run you start. A channel's own defaults (\`${model.command ?? '/jasper'} defaults\`) come first.`];
  const rows: KnownBlock[] = BRAND_KINDS.map((kind) => {
    const words = BRAND_WORDS[kind];
    const choices = brandChoices(brandList(model.brandOptions, kind), brandPreset(model.defaults, kind), 'No default', c.selectMax);
    if (choices.options.length === 0) return section(`*${words.label}*\nNone set up yet.`);
    const note = shortenedNote(choices, kind, 'this menu');
    if (note) notes.push(note);
    return {
      ...section(`*${words.label}*`),
      block_id: `home.settings.${kind}`,
      accessory: {
        type: 'static_select',
        action_id: SETTING_ACTION[kind],
        placeholder: plain(words.placeholder),
        options: choices.options,
        ...(choices.initial && { initial_option: choices.initial }),
      },
    };
  });
  return [header('Settings'), ...contextLines(notes), ...rows];
}

/**
 * The workspace's knowledge, a page at a time, each with a Delete button that asks first (value: the item's id).
 * At most 1 + 5 + 2 blocks.
 */
export function knowledgeBlocks(knowledge: NonNullable<HomeModel['knowledge']>, c: Compaction): KnownBlock[] {
  const blocks: KnownBlock[] = [header('Knowledge')];
  if (knowledge.items.length === 0) {
    return [...blocks, ...contextLines(['No knowledge yet. Share a file with me in a direct message to add it.'])];
  }
  const page = pageOf(knowledge.items, knowledge.page, KNOWLEDGE_PER_PAGE);
  for (const item of page.items) {
    const shownName = oneLine(item.name) || item.id;
    const name = mrkdwnWithin(shownName, c.nameMax);
    const tags = (item.tags ?? []).map(oneLine).filter(Boolean);
    const lines = [`📄 *${name}*`];
    if (tags.length > 0) lines.push(mrkdwnWithin(`Tags: ${tags.join(', ')}`, c.nameMax));
    if (item.id.length > c.valueMax) {
      blocks.push(section([...lines, "_Its id is too long to delete it from here._"].join('\n')));
      continue;
    }
    blocks.push({
      ...section(lines.join('\n')),
      accessory: {
        // Plain: a column of red buttons shouts; the confirmation that follows is the one styled as dangerous.
        ...homeButton('Delete', HOME_ACTION.knowledgeDelete, item.id),
        confirm: {
          title: plain('Delete this knowledge?'),
          text: plain(`“${truncate(shownName, 150)}” will be removed from Jasper for everyone in the workspace. This can't be undone.`),
          confirm: plain('Delete'),
          deny: plain('Keep it'),
          style: 'danger',
        },
      },
    });
  }
  blocks.push(...pagerBlocks('home.knowledge', HOME_ACTION.knowledgePage, page, 'items'));
  return blocks;
}
