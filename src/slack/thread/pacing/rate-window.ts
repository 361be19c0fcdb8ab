/** A write rate: `perMinute` on average, at most `burst` close together. */
export interface WriteRate {
  perMinute: number;
  burst: number;
}

/** A fixed window of a limiter: at most `points` admissions in the `windowMs` that follow the window's first one. */
export interface RateWindow {
  points: number;
  windowMs: number;
}

/**
 * How a rate is kept with fixed-window limiters: a steady window of one call, and, when the rate allows a burst of
 * more than two, a second budget that refills once a minute and is spent only when the steady one is used up (a
 * bursty limiter). The steady pace gives up what the burst budget adds, so over a minute the two never exceed the rate;
 * close together they let through at most two steady calls (the end of one window and the start of the next) plus
 * twice the burst budget, which every rate in write-rates.ts keeps within Slack's minute's worth.
 */
export interface RateWindows {
  steady: RateWindow;
  burst?: RateWindow;
}

const MINUTE_MS = 60_000;

export function rateWindows(rate: WriteRate): RateWindows {
  const extra = rate.burst - 2;
  if (extra < 2 || extra >= rate.perMinute) return { steady: rateWindow(rate) };
  return { steady: { points: 1, windowMs: Math.ceil(MINUTE_MS / (rate.perMinute - extra)) }, burst: { points: extra, windowMs: MINUTE_MS } };
}

/**
 * The single fixed window that keeps to `rate`. A window may start the moment the last one ended, so the end of one and
 * the start of the next can let up to twice a window's points through close together: a window holds half the burst.
 * Whole milliseconds, rounded up, so the pace is never faster than asked (chat.postMessage: 1 point per 1,200 ms).
 */
export function rateWindow(rate: WriteRate): RateWindow {
  const points = Math.max(1, Math.floor(rate.burst / 2));
  return { points, windowMs: Math.ceil((points * MINUTE_MS) / rate.perMinute) };
}
