import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createJasperProvider } from '../../../src/providers/jasper/index.js';
import { usageGranularity } from '../../../src/providers/jasper/usage.js';
import { DEFAULT_USAGE, startFakeJasper, type FakeJasper } from '../../fakes/fake-jasper.js';
import { jasperFor } from './setup.js';

let fake: FakeJasper;
beforeAll(async () => {
  fake = await startFakeJasper();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.setUsage(DEFAULT_USAGE);
});

const FEB_2 = new Date('2026-02-02T00:00:00.000Z');
const FEB_9 = new Date('2026-02-09T00:00:00.000Z');

async function raw(query: string) {
  const response = await fetch(`${fake.baseURL}/usage?${query}`, { headers: { 'x-api-key': fake.apiKey } });
  return { status: response.status, json: (await response.json()) as { message?: string[]; data?: { requests: Array<{ t: string; v: number }> } } };
}

function stub(body: unknown) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }));
  return createJasperProvider({ apiKey: 'k', baseURL: 'http://jasper.test/v1', fetch });
}

describe('usage', () => {
  it('sums the requests of the period, with no limit (the API gives none)', async () => {
    // One working week: 5 days x 8 hours x 3 requests.
    expect(await jasperFor(fake).usage?.summary({ start: FEB_2, end: FEB_9 })).toEqual({ used: 120, start: FEB_2.toISOString(), end: FEB_9.toISOString() });
    expect(fake.requestsTo('GET /usage').map((r) => r.query)).toEqual([{ start: '2026-02-02T00:00:00.000Z', end: '2026-02-09T00:00:00.000Z', granularity: 'day' }]);
  });

  it('asks for hours over a day and weeks over a quarter; the sum is the same', async () => {
    const day = { start: new Date('2026-02-03T00:00:00Z'), end: new Date('2026-02-04T00:00:00Z') };
    expect((await jasperFor(fake).usage?.summary(day))?.used).toBe(24);
    const quarter = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-04-01T00:00:00Z') };
    expect((await jasperFor(fake).usage?.summary(quarter))?.used).toBe(DEFAULT_USAGE.length * 3);
    expect(fake.requestsTo('GET /usage').map((r) => r.query.granularity)).toEqual(['hour', 'week']);
  });

  it('chooses the granularity from the span', () => {
    const at = (days: number) => new Date(FEB_2.getTime() + days * 86_400_000);
    expect(usageGranularity(FEB_2, at(1))).toBe('hour');
    expect(usageGranularity(FEB_2, at(2))).toBe('hour');
    expect(usageGranularity(FEB_2, at(31))).toBe('day');
    expect(usageGranularity(FEB_2, at(90))).toBe('week');
  });

  it('is 0 for a quiet period', async () => {
    const quiet = { start: new Date('2025-01-01T00:00:00Z'), end: new Date('2025-01-31T00:00:00Z') };
    expect((await jasperFor(fake).usage?.summary(quiet))?.used).toBe(0);
  });

  it('reads leniently: numeric strings, points that are not numbers (counted as unreadable, not as 0), a limit if one is ever sent, no envelope', async () => {
    const range = { start: FEB_2, end: FEB_9 };
    expect(await stub({ data: { requests: [{ t: 'a', v: '5' }, { t: 'b', v: 'n/a' }, { t: 'c', v: 2 }, { t: 'd' }], limit: '1000' } }).usage?.summary(range)).toEqual({
      used: 7,
      unreadablePoints: 2,
      limit: 1000,
      start: FEB_2.toISOString(),
      end: FEB_9.toISOString(),
    });
    expect((await stub({ requests: [{ t: 'a', v: 4 }] }).usage?.summary(range))?.used).toBe(4);
    // No counts at all is an unknown figure, never a confident 0; an empty list is a quiet period.
    expect(await stub({ data: {} }).usage?.summary(range)).toEqual({ start: FEB_2.toISOString(), end: FEB_9.toISOString() });
    expect(await stub({ data: { requests: [{ t: 'a' }] } }).usage?.summary(range)).toEqual({ unreadablePoints: 1, start: FEB_2.toISOString(), end: FEB_9.toISOString() });
    expect((await stub({ data: { requests: [] } }).usage?.summary(range))?.used).toBe(0);
    await expect(stub({ data: { requests: 'lots' } }).usage?.summary(range)).rejects.toMatchObject({ code: 'invalid_response' });
  });
});

describe('fake Jasper: usage', () => {
  it('answers { data: { requests: [{ t, v }] } } in buckets of the granularity', async () => {
    const weeks = await raw('start=2026-02-01T00:00:00Z&end=2026-02-15T00:00:00Z&granularity=week');
    expect(weeks.json.data?.requests).toEqual([
      { t: '2026-02-02T00:00:00.000Z', v: 120 },
      // Monday and Tuesday of the second week.
      { t: '2026-02-09T00:00:00.000Z', v: 48 },
    ]);
    const days = await raw('start=2026-02-06T00:00:00Z&end=2026-02-09T12:00:00Z&granularity=day');
    expect(days.json.data?.requests).toEqual([
      { t: '2026-02-06T00:00:00.000Z', v: 24 },
      { t: '2026-02-09T00:00:00.000Z', v: 9 },
    ]);
  });

  it.each([
    ['no start', 'end=2026-02-09T00:00:00Z&granularity=day', 'start should not be empty'],
    ['no end', 'start=2026-02-02T00:00:00Z&granularity=day', 'end should not be empty'],
    ['no granularity', 'start=2026-02-02T00:00:00Z&end=2026-02-09T00:00:00Z', 'granularity must be one of the following values: week, day, hour'],
    ['a granularity it does not have', 'start=2026-02-02T00:00:00Z&end=2026-02-09T00:00:00Z&granularity=month', 'granularity must be one of'],
    ['a date that is not ISO', 'start=yesterday&end=2026-02-09T00:00:00Z&granularity=day', 'start must be a valid ISO 8601 date string'],
    ['an end before the start', 'start=2026-02-09T00:00:00Z&end=2026-02-02T00:00:00Z&granularity=day', 'end must be after start'],
    ['a parameter it does not take', 'start=2026-02-02T00:00:00Z&end=2026-02-09T00:00:00Z&granularity=day&tz=UTC', 'property tz should not exist'],
  ])('answers 400 for %s', async (_what, query, message) => {
    const { status, json } = await raw(query);
    expect(status).toBe(400);
    expect(json.message?.join(' ')).toContain(message);
  });

  it('maps the 400 to bad_request through the provider', async () => {
    // An end before the start: the provider sends it as given, and Jasper refuses.
    await expect(jasperFor(fake).usage?.summary({ start: FEB_9, end: FEB_2 })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('end must be after start') });
  });
});
