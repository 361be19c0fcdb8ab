/**
 * `GET /usage?start=<ISO>&end=<ISO>&granularity=week|day|hour`: all three are required (400 without any of them, for a
 * date that is not ISO 8601, for an end not after the start, and for another granularity). The fake keeps request counts
 * per instant and answers `{ data: { requests: [{ t, v }] } }`, one point per bucket that had requests in [start, end),
 * buckets starting on the hour, at midnight UTC, or on Monday midnight UTC.
 */
import { randomUUID } from 'node:crypto';
import { badRequest, rejectUnknownQuery } from './common.js';

export interface FakeUsagePoint {
  /** ISO instant. */
  t: string;
  /** Requests at that instant. */
  v: number;
}

export type FakeUsageGranularity = 'week' | 'day' | 'hour';

/** 2026-02-02 (a Monday) to 2026-02-10: 3 requests an hour on weekdays between 9:00 and 17:00 UTC. */
export const DEFAULT_USAGE: FakeUsagePoint[] = Array.from({ length: 9 * 24 }, (_, h) => new Date(Date.UTC(2026, 1, 2) + h * 3_600_000))
  .filter((d) => d.getUTCDay() >= 1 && d.getUTCDay() <= 5 && d.getUTCHours() >= 9 && d.getUTCHours() < 17)
  .map((d) => ({ t: d.toISOString(), v: 3 }));

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function instant(params: URLSearchParams, name: string, errors: string[]): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') {
    errors.push(`${name} should not be empty`, `${name} must be a valid ISO 8601 date string`);
    return undefined;
  }
  const ms = Date.parse(raw);
  if (!ISO.test(raw) || Number.isNaN(ms)) {
    errors.push(`${name} must be a valid ISO 8601 date string`);
    return undefined;
  }
  return ms;
}

export function bucketStart(ms: number, granularity: FakeUsageGranularity): number {
  const d = new Date(ms);
  if (granularity === 'hour') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours());
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (granularity === 'day') return day;
  return day - ((d.getUTCDay() + 6) % 7) * 86_400_000;
}

export function usage(params: URLSearchParams, points: FakeUsagePoint[]) {
  rejectUnknownQuery(params, ['start', 'end', 'granularity']);
  const errors: string[] = [];
  const start = instant(params, 'start', errors);
  const end = instant(params, 'end', errors);
  const granularity = params.get('granularity');
  if (granularity !== 'week' && granularity !== 'day' && granularity !== 'hour') errors.push('granularity must be one of the following values: week, day, hour');
  if (start !== undefined && end !== undefined && end <= start) errors.push('end must be after start');
  if (errors.length > 0) throw badRequest(errors);
  const buckets = new Map<number, number>();
  for (const point of points) {
    const at = Date.parse(point.t);
    if (at < start! || at >= end!) continue;
    const key = bucketStart(at, granularity as FakeUsageGranularity);
    buckets.set(key, (buckets.get(key) ?? 0) + point.v);
  }
  const requests = [...buckets.entries()].sort(([a], [b]) => a - b).map(([t, v]) => ({ t: new Date(t).toISOString(), v }));
  return { requestId: randomUUID(), resource: 'usage', data: { requests } };
}
