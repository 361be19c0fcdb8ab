import type { KnownBlock } from '@slack/types';
import { historyLines } from '../history-blocks.js';
import { contextLines, header } from './sections.js';
import { HOME_ACTION, type HomeModel } from './model.js';
import { pagerBlocks } from './pager.js';

export const HISTORY_PER_HOME_PAGE = 5;

/**
 * An agent API's recent runs (anyone's, as the API lists them), five a page with Next/Previous, or why they could not
 * be read. At most 1 + 1 + 2 blocks.
 */
export function historyBlocks(history: NonNullable<HomeModel['history']>, now: number): KnownBlock[] {
  const blocks: KnownBlock[] = [header(`Recent ${history.agent} runs`)];
  if ('error' in history) return [...blocks, ...contextLines([history.error])];
  if (history.entries.length === 0) return [...blocks, ...contextLines(['No runs yet.'])];
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: historyLines(history.entries, history.taskNames, now).join('\n') } });
  const from = history.page * HISTORY_PER_HOME_PAGE + 1;
  const to = from + history.entries.length - 1;
  const page = { items: history.entries, page: history.page, from, to, total: history.total, hasPrevious: history.page > 0, hasNext: to < history.total };
  blocks.push(...pagerBlocks('home.history', HOME_ACTION.historyPage, page, 'runs'));
  return blocks;
}
