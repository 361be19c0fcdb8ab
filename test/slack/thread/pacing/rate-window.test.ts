import { describe, expect, it } from 'vitest';
import { rateWindow, rateWindows } from '../../../../src/slack/thread/pacing/rate-window.js';
import { WRITE_RATES } from '../../../../src/slack/thread/pacing/write-rates.js';

describe('rateWindow', () => {
  it.each(Object.entries(WRITE_RATES))('keeps %s to its rate and, across two windows, to its burst', (_method, rate) => {
    const { points, windowMs } = rateWindow(rate);
    expect(Number.isInteger(windowMs)).toBe(true);
    expect((points * 60_000) / windowMs).toBeLessThanOrEqual(rate.perMinute);
    expect(points === 1 || 2 * points <= rate.burst).toBe(true);
  });

  it('lets one chat.postMessage of a channel through every 1.2 s', () => {
    expect(rateWindow({ perMinute: 50, burst: 3 })).toEqual({ points: 1, windowMs: 1_200 });
  });

  it('rounds a window up to whole milliseconds, never faster than asked', () => {
    expect(rateWindow({ perMinute: 7, burst: 2 })).toEqual({ points: 1, windowMs: 8_572 });
  });
});

describe('rateWindows', () => {
  it.each(Object.entries(WRITE_RATES))('keeps %s to its rate over a minute, and close together within a minute\'s worth', (_method, rate) => {
    const { steady, burst } = rateWindows(rate);
    const perMinute = (steady.points * 60_000) / steady.windowMs + (burst ? (burst.points * 60_000) / burst.windowMs : 0);
    expect(perMinute).toBeLessThanOrEqual(rate.perMinute);
    const closeTogether = 2 * steady.points + 2 * (burst?.points ?? 0);
    expect(closeTogether).toBeLessThanOrEqual(Math.max(rate.burst, rate.perChannel ? rate.burst : rate.perMinute));
  });

  it('paces a channel\'s messages evenly (no burst budget: a channel allows only three close together)', () => {
    expect(rateWindows({ perMinute: 50, burst: 3 })).toEqual({ steady: { points: 1, windowMs: 1_200 } });
  });

  it('lets eight chat.startStream calls through at once, then one every five seconds (20 a minute in all)', () => {
    expect(rateWindows({ perMinute: 20, burst: 10 })).toEqual({ steady: { points: 1, windowMs: 5_000 }, burst: { points: 8, windowMs: 60_000 } });
  });
});
