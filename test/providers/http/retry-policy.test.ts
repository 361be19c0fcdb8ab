import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/providers/errors.js';
import {
  backoffDelay,
  defaultRetryOptions,
  isRetryableNetworkError,
  isRetryableStatus,
  networkErrorCode,
  parseRetryAfter,
  retryDelay,
  sleep,
} from '../../../src/providers/http/retry-policy.js';

const headers = (init: Record<string, string>) => new Headers(init);

describe('parseRetryAfter', () => {
  it('reads seconds, an HTTP date, and retry-after-ms', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter(headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(parseRetryAfter(headers({ 'retry-after': '0.5' }), now)).toBe(500);
    expect(parseRetryAfter(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:10 GMT' }), now)).toBe(10_000);
    expect(parseRetryAfter(headers({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }), now)).toBe(0);
    expect(parseRetryAfter(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(headers({}))).toBeUndefined();
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(headers({ 'retry-after': '-4' }))).toBeUndefined();
  });
});

describe('which failures are retried', () => {
  it('retries 408, 409, 429 and 5xx for reads', () => {
    for (const status of [408, 409, 429, 500, 502, 503, 504]) expect(isRetryableStatus(status, true)).toBe(true);
    for (const status of [400, 401, 403, 404, 422]) expect(isRetryableStatus(status, true)).toBe(false);
  });

  it('retries only 429 for a request that is not safe to repeat', () => {
    expect(isRetryableStatus(429, false)).toBe(true);
    for (const status of [408, 409, 500, 502, 503]) expect(isRetryableStatus(status, false)).toBe(false);
  });

  it('retries a refused connection for anything, a reset only for reads', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const reset = new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    const aggregate = new TypeError('fetch failed', { cause: new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]) });
    expect(networkErrorCode(refused)).toBe('ECONNREFUSED');
    expect(networkErrorCode(aggregate)).toBe('ECONNREFUSED');
    expect(isRetryableNetworkError(refused, false)).toBe(true);
    expect(isRetryableNetworkError(aggregate, false)).toBe(true);
    expect(isRetryableNetworkError(reset, false)).toBe(false);
    expect(isRetryableNetworkError(new TypeError('fetch failed'), false)).toBe(false);
    expect(isRetryableNetworkError(reset, true)).toBe(true);
  });
});

describe('delays', () => {
  it('backs off exponentially within bounds, with jitter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (retry, random) => {
        const delay = backoffDelay(retry, defaultRetryOptions, () => random);
        const base = Math.min(500 * 2 ** retry, 8000);
        expect(delay).toBeLessThanOrEqual(base);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.75));
      }),
    );
  });

  it('waits what Retry-After asks up to the cap, and gives up past it', () => {
    expect(retryDelay(0, 2000, defaultRetryOptions)).toBe(2000);
    expect(retryDelay(0, 30_000, defaultRetryOptions)).toBe(30_000);
    expect(retryDelay(0, 30_001, defaultRetryOptions)).toBeUndefined();
  });

  it('stops sleeping when the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);
    const error = await sleep(10_000, controller.signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
