import type { UsageSummary } from '../../providers/types.js';
import { formatCount } from '../../forms/limits.js';
import { usagePeriod } from '../../forms/home/format.js';
import type { Reply } from './command-replies.js';

/** The usage period of `/jasper usage` and Home: from the start of this calendar month (UTC) to now. */
export function thisMonth(now: Date = new Date()): { start: Date; end: Date } {
  return { start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), end: now };
}

/**
 * `/jasper usage`: the workspace's requests in the period and the plan's limit, each said to be unknown when the
 * agent's answer lacks it (never shown as 0), and "at least" when some of its figures were missing.
 */
export function usageReply(usage: UsageSummary, agent: string): Reply {
  const partial = (usage.unreadablePoints ?? 0) > 0;
  const requests =
    usage.used === undefined
      ? `unknown (${agent}'s answer did not include them)`
      : `${partial ? 'at least ' : ''}${formatCount(Math.round(usage.used))}${partial ? ` (${formatCount(usage.unreadablePoints ?? 0)} of ${agent}'s figures ${usage.unreadablePoints === 1 ? 'was' : 'were'} missing)` : ''}`;
  const hasLimit = usage.limit !== undefined && Number.isFinite(usage.limit) && usage.limit > 0;
  const share = hasLimit && usage.used !== undefined ? ` (${partial ? 'at least ' : ''}${Math.floor((usage.used / (usage.limit ?? 1)) * 100)}% used)` : '';
  const limit = hasLimit ? `${formatCount(Math.round(usage.limit ?? 0))}${share}` : `unknown (${agent} did not say)`;
  const text = [`*${agent} usage of this workspace, ${usagePeriod(usage.start)}*`, `• Requests: ${requests}`, `• Plan limit: ${limit}`].join('\n');
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
