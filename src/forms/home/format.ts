import type { UsageSummary } from '../../providers/types.js';
import { formatCount } from '../limits.js';
import type { HomeRunStatus } from './model.js';

const STATUS: Record<HomeRunStatus, string> = {
  pending: '⏳ Pending',
  running: '🔄 Running',
  done: '✅ Done',
  failed: '❌ Failed',
  cancelled: '🚫 Cancelled',
  interrupted: '⚠️ Interrupted',
};

/** "✅ Done": a run's status as an emoji and a word. */
export function statusLabel(status: HomeRunStatus): string {
  return STATUS[status] ?? '❔ Unknown';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

/** "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago", "2 months ago", "1 year ago". */
export function relativeTime(at: number, now: number): string {
  const ago = now - at;
  if (!Number.isFinite(ago)) return 'some time ago';
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return `${plural(Math.floor(ago / MINUTE), 'minute')} ago`;
  if (ago < DAY) return `${plural(Math.floor(ago / HOUR), 'hour')} ago`;
  if (ago < 2 * DAY) return 'yesterday';
  if (ago < 30 * DAY) return `${plural(Math.floor(ago / DAY), 'day')} ago`;
  if (ago < 365 * DAY) return `${plural(Math.floor(ago / (30 * DAY)), 'month')} ago`;
  return `${plural(Math.floor(ago / (365 * DAY)), 'year')} ago`;
}

/** A start within this of a calendar month's start (in UTC) is read as "this month" in any time zone. */
const MONTH_START_SLACK = 14 * HOUR;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "this month", "since 3 Mar" or "this period": how the usage period is said. */
export function usagePeriod(start: string): string {
  const at = Date.parse(start);
  if (!Number.isFinite(at)) return 'this period';
  const d = new Date(at);
  const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const nextMonthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  if (at - monthStart <= MONTH_START_SLACK || nextMonthStart - at <= MONTH_START_SLACK) return 'this month';
  return `since ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/**
 * Workspace usage in one line: "1,234 requests this month", then "of 10,000 (12%)" when the plan's limit is known.
 * A count the API did not give is said to be unknown, and a count missing some points is "at least": never a
 * confident figure for what was not given. Plain text: nothing in it needs escaping.
 */
export function usageLine(usage: UsageSummary): string {
  const period = usagePeriod(usage.start);
  if (usage.used === undefined) return `requests ${period}: unknown (Jasper's answer did not include them)`;
  const used = Math.max(0, Math.round(usage.used));
  const partial = (usage.unreadablePoints ?? 0) > 0;
  let line = `${partial ? 'at least ' : ''}${plural(used, 'request')} ${period}`;
  if (usage.limit !== undefined && Number.isFinite(usage.limit) && usage.limit > 0) {
    const share = Math.floor((used / usage.limit) * 100);
    line += `, of ${formatCount(Math.round(usage.limit))} (${partial ? 'at least ' : ''}${formatCount(share)}%)`;
    if (used >= usage.limit) line += ': the limit is reached';
  }
  if (partial) line += ` (${plural(usage.unreadablePoints ?? 0, 'figure')} missing from Jasper's answer)`;
  return line;
}

/** "Showing 21-40 of 130": which part of a list a page shows (`from` and `to` 1-based, inclusive). */
export function showing(from: number, to: number, total: number): string {
  return `Showing ${formatCount(from)}-${formatCount(to)} of ${formatCount(total)}`;
}

/** The number of pages a list of `total` takes (at least one). */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** A requested page as one that exists: not a number or below 0 is the first; past the end is the last. */
export function clampPage(page: number, total: number, perPage: number): number {
  if (!Number.isFinite(page) || page < 0) return 0;
  return Math.min(Math.floor(page), pageCount(total, perPage) - 1);
}
