/**
 * `GET /usage?start=<ISO>&end=<ISO>&granularity=week|day|hour` (all three required) -> `{ data: { requests: [{ t, v }] } }`.
 * Parsed leniently: counts given as numeric strings are read, points that are not numbers are counted as unreadable
 * (never as 0), and a limit is read only if the API ever sends one (the documents show none).
 */
import { z } from 'zod';
import type { UsageSummary } from '../types.js';

export type UsageGranularity = 'week' | 'day' | 'hour';

const count = z.union([z.number(), z.string()]).nullish();
const point = z.looseObject({ t: z.union([z.string(), z.number()]).nullish(), v: count });
const usageData = z.looseObject({ requests: z.array(point).nullish(), limit: count });

/** `{ data: { requests } }` as documented; a bare `{ requests }` (no envelope) is read too. */
export const jasperUsageSchema = z.union([
  z.looseObject({ data: usageData }),
  z.looseObject({ requests: z.array(point), limit: count }).transform((data) => ({ data })),
]);
export type JasperUsage = z.infer<typeof jasperUsageSchema>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The coarsest granularity that still has several points in the range: the sum is the same, the answer smaller. */
export function usageGranularity(start: Date, end: Date): UsageGranularity {
  const span = end.getTime() - start.getTime();
  if (span > 60 * DAY) return 'week';
  if (span > 2 * DAY) return 'day';
  return 'hour';
}

function toNumber(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The sum of the period's request counts. Without a `requests` list the figure is unknown (left out, not 0); an empty
 * list is a quiet period (0); points without a readable count are counted in `unreadablePoints`, so the sum of the
 * others is shown as a lower bound, and when no point is readable the figure is unknown.
 */
export function summariseUsage(usage: JasperUsage, range: { start: Date; end: Date }): UsageSummary {
  const summary: UsageSummary = { start: range.start.toISOString(), end: range.end.toISOString() };
  const points = usage.data.requests;
  if (points) {
    const counts = points.map((p) => toNumber(p.v));
    const readable = counts.filter((n): n is number => n !== undefined);
    const unreadable = counts.length - readable.length;
    if (readable.length > 0 || counts.length === 0) summary.used = readable.reduce((sum, n) => sum + n, 0);
    if (unreadable > 0) summary.unreadablePoints = unreadable;
  }
  const limit = toNumber(usage.data.limit);
  if (limit !== undefined) summary.limit = limit;
  return summary;
}
