import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import { BUTTON_TEXT, truncate } from '../limits.js';
import { clampPage, showing } from './format.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** A button (text cut to what Slack shows, never empty). */
export function homeButton(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: plain(truncate(text, BUTTON_TEXT) || '(blank)'),
    value,
    ...(style !== undefined && { style }),
  };
}

export interface Page<T> {
  items: T[];
  page: number;
  /** 1-based index of the first item shown. */
  from: number;
  to: number;
  total: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

/** One page of `items`; a page out of range is shown as the nearest one. */
export function pageOf<T>(items: readonly T[], requested: number, perPage: number): Page<T> {
  const page = clampPage(requested, items.length, perPage);
  const start = page * perPage;
  const shown = items.slice(start, start + perPage);
  return {
    items: shown,
    page,
    from: shown.length > 0 ? start + 1 : 0,
    to: start + shown.length,
    total: items.length,
    hasPrevious: page > 0,
    hasNext: start + perPage < items.length,
  };
}

/**
 * Next/Previous for a list that takes more than one page (nothing otherwise): "Showing 21-40 of 130 tasks" with a
 * Next button beside it, and Previous below. Both buttons carry `actionId` (the target page is the value), and Slack
 * wants action ids unique within a block, so they are in two blocks. At most 2 blocks.
 */
export function pagerBlocks(name: string, actionId: string, page: Page<unknown>, noun: string): KnownBlock[] {
  if (!page.hasPrevious && !page.hasNext) return [];
  const line: SectionBlock = {
    type: 'section',
    block_id: `${name}.pager`,
    text: { type: 'mrkdwn', text: `${showing(page.from, page.to, page.total)} ${noun}` },
    ...(page.hasNext && { accessory: homeButton('Next ›', actionId, String(page.page + 1)) }),
  };
  const back: ActionsBlock[] = page.hasPrevious
    ? [{ type: 'actions', block_id: `${name}.previous`, elements: [homeButton('‹ Previous', actionId, String(page.page - 1))] }]
    : [];
  return [line, ...back];
}
