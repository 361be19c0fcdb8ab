import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { z } from 'zod';
import type { HistoryEntry } from '../providers/types.js';
import { mrkdwnWithin, oneLine, plain } from './fill-prompts/blocks.js';
import { relativeTime, showing } from './home/format.js';
import { BUTTON_VALUE } from './limits.js';

/** Older/Newer under a history page: the value is the page to show (`HistoryCursor`). */
export const HISTORY_PAGE_ACTION = 'history.page';
export const HISTORY_PER_PAGE = 10;
/** How much of what a run was asked shows on its line. */
const ASKED_MAX = 120;

/** Which page of which agent API's history, with the filters it was asked with. */
export interface HistoryCursor {
  provider: string;
  taskId?: string;
  status?: string;
  offset: number;
}

const cursorSchema = z.object({ p: z.string().min(1), t: z.string().optional(), s: z.string().optional(), o: z.number().int().min(0) });

export function encodeCursor(cursor: HistoryCursor): string {
  return JSON.stringify({ p: cursor.provider, t: cursor.taskId, s: cursor.status, o: cursor.offset });
}

/** A button's value read back; undefined for anything the bot did not write. */
export function decodeCursor(value: string): HistoryCursor | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return undefined;
  }
  const parsed = cursorSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { p, t, s, o } = parsed.data;
  return { provider: p, ...(t !== undefined && { taskId: t }), ...(s !== undefined && { status: s }), offset: o };
}

const STATUS_MARK: Record<string, string> = { queued: '⏳', pending: '⏳', running: '🔄', completed: '✅', done: '✅', failed: '❌', cancelled: '⏹️' };

/**
 * One line per run, newest first: the task's name, its status, when, and what it was asked (escaped and cut short:
 * all of it came from the upstream). `taskNames` maps task ids to the names people know.
 */
export function historyLines(entries: readonly HistoryEntry[], taskNames: ReadonlyMap<string, string>, now: number): string[] {
  return entries.map((entry) => {
    const name = mrkdwnWithin(oneLine(taskNames.get(entry.taskId) ?? entry.taskId) || 'A task', 60);
    const status = mrkdwnWithin(oneLine(entry.status), 30);
    const when = relativeTime(Date.parse(entry.createdAt), now);
    const asked = mrkdwnWithin(oneLine(entry.text), ASKED_MAX);
    return `${STATUS_MARK[entry.status] ?? '•'} *${name}* · ${status} · ${when}${asked ? `\n      ${asked}` : ''}`;
  });
}

export interface HistoryPageView {
  /** The agent API's name, e.g. "Jarvis". */
  agent: string;
  cursor: HistoryCursor;
  entries: readonly HistoryEntry[];
  total: number;
  taskNames: ReadonlyMap<string, string>;
  now: number;
}

/** "Jarvis history · Paperclip · completed": what the page is of. */
function title(view: HistoryPageView): string {
  const filters = [view.cursor.taskId && (view.taskNames.get(view.cursor.taskId) ?? view.cursor.taskId), view.cursor.status].filter((f): f is string => Boolean(f));
  return mrkdwnWithin([`${view.agent} history`, ...filters].join(' · '), 200);
}

/** A page of an agent API's run history as a message: the runs, where the page is, and Newer/Older buttons. */
export function historyMessage(view: HistoryPageView): { text: string; blocks: KnownBlock[] } {
  const heading = `*${title(view)}*`;
  if (view.entries.length === 0) {
    const text = `${heading}\n${view.total === 0 ? 'No runs match.' : 'No runs on this page.'}`;
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const from = view.cursor.offset + 1;
  const to = view.cursor.offset + view.entries.length;
  const body = historyLines(view.entries, view.taskNames, view.now).join('\n');
  const blocks: KnownBlock[] = [
    // At most 10 lines of about 250 characters and a 200-character heading: within a section's 3,000.
    { type: 'section', text: { type: 'mrkdwn', text: `${heading}\n${body}` } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${showing(from, to, view.total)} runs` }] },
  ];
  const pager = pagerButtons(view.cursor, to < view.total, HISTORY_PER_PAGE);
  if (pager) blocks.push(pager);
  return { text: `${title(view)}: ${showing(from, to, view.total)} runs`, blocks };
}

/** Newer/Older, each carrying the page it shows; none when the history fits one page. */
export function pagerButtons(cursor: HistoryCursor, hasOlder: boolean, perPage: number): ActionsBlock | undefined {
  const button = (text: string, offset: number): Button | undefined => {
    const value = encodeCursor({ ...cursor, offset });
    return value.length <= BUTTON_VALUE ? { type: 'button', action_id: `${HISTORY_PAGE_ACTION}.${offset}`, text: plain(text), value } : undefined;
  };
  const elements = [cursor.offset > 0 ? button('‹ Newer', Math.max(0, cursor.offset - perPage)) : undefined, hasOlder ? button('Older ›', cursor.offset + perPage) : undefined].filter(
    (b): b is Button => b !== undefined,
  );
  return elements.length > 0 ? { type: 'actions', block_id: 'history.pager', elements } : undefined;
}
