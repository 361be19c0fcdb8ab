import { ProviderError } from '../errors.js';

export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited out: the request fails as rate-limited instead. */
  maxRetryAfterMs: number;
  /** Waits between attempts; rejects with a `cancelled` ProviderError when the signal aborts. Tests may swap it. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const defaultRetryOptions: RetryOptions = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
  sleep,
};

/** Methods whose repetition has no further effect. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/**
 * A request that is not safe to repeat is retried only when the upstream certainly did not act on it:
 * a 429 refuses before any work is done. A 5xx may come after the work began.
 */
export function isRetryableStatus(status: number, idempotent: boolean): boolean {
  if (status === 429) return true;
  if (!idempotent) return false;
  return status === 408 || status === 409 || status >= 500;
}

/** Codes meaning no byte of the request reached the upstream. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export function isRetryableNetworkError(error: unknown, idempotent: boolean): boolean {
  if (idempotent) return true;
  const code = networkErrorCode(error);
  return code !== undefined && NEVER_CONNECTED.has(code);
}

/** The system error code under undici's `TypeError('fetch failed', { cause })`, if any. */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, errors, cause } = current as { code?: unknown; errors?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    if (Array.isArray(errors) && errors.length > 0) current = errors[0];
    else current = cause;
  }
  return undefined;
}

/** `retry-after-ms`, or `Retry-After` as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number.parseFloat(value) * 1000);
  // An HTTP date always names its day and month; Date.parse alone would take "-4" as a year.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential back-off with up to 25% jitter taken off, so that clients do not retry in step. */
export function backoffDelay(retryIndex: number, options: RetryOptions, random: () => number = Math.random): number {
  const base = Math.min(options.initialDelayMs * 2 ** retryIndex, options.maxDelayMs);
  return Math.round(base * (1 - random() * 0.25));
}

/** How long to wait before retry number `retryIndex` (0-based), or undefined to give up. */
export function retryDelay(retryIndex: number, retryAfterMs: number | undefined, options: RetryOptions): number | undefined {
  if (retryAfterMs === undefined) return backoffDelay(retryIndex, options);
  return retryAfterMs <= options.maxRetryAfterMs ? retryAfterMs : undefined;
}

export function cancelledError(cause?: unknown): ProviderError {
  return new ProviderError('cancelled', 'The request was cancelled.', { cause });
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError(signal.reason));
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
