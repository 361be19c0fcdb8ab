import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, WebClient, type WebAPICallResult, type WebAPIRateLimitedError, type WebClientOptions } from '@slack/web-api';
import { slackErrorCode } from '../slack-errors.js';
import type { SlackRateGate } from './slack-rate-gate.js';
import { WRITE_RATES } from './write-rates.js';

/**
 * Retries the SDK makes by default (its `tenRetriesInAboutThirtyMinutes` policy; p-retry's own default is the same).
 * Not read from `retryPolicies`: that named export does not resolve when Node loads the SDK's CommonJS build as ESM.
 */
const SDK_DEFAULT_RETRIES = 10;

export type SlackCallStatus = 'ok' | 'error' | 'rate_limited';

export interface PacedWebClientOptions extends WebClientOptions {
  gate: SlackRateGate;
  /** Each finished HTTP call of a method, with its outcome (for metrics); a 429 retried later counts once per try. */
  onCall?: (method: string, status: SlackCallStatus) => void;
  /** Multiplies the per-method (workspace) rates, for apps Slack granted more; per-channel rates are Slack's own. */
  rateScale?: number;
}

/**
 * The one pacing point for the bot's Slack writes: every call of a rate-limited method waits for a point of its method's
 * budget (and, for chat.postMessage, of its channel's) at the gate, which with Redis is one budget for every replica.
 * Nothing is dropped; callers that coalesce (the progress pacer) merge what piles up while they wait. A 429 that still
 * comes is retried here after its Retry-After, through the gate again, rather than inside the SDK, which would resend
 * it without asking the gate.
 */
export class PacedWebClient extends WebClient {
  private readonly gate: SlackRateGate;
  private readonly onCall: (method: string, status: SlackCallStatus) => void;
  private readonly rateLimitedRetries: number;
  private readonly rateScale: number;

  constructor(token: string, { gate, onCall, rateScale, ...options }: PacedWebClientOptions) {
    super(token, { ...options, rejectRateLimitedCalls: true });
    this.gate = gate;
    this.rateScale = rateScale ?? 1;
    this.onCall = onCall ?? (() => undefined);
    // As many as the SDK would have made itself; none when the caller asked for 429s to be refused.
    this.rateLimitedRetries = options.rejectRateLimitedCalls
      ? 0
      : (options.retryConfig?.retries ?? SDK_DEFAULT_RETRIES);
  }

  override async apiCall(method: string, options: Record<string, unknown> = {}): Promise<WebAPICallResult> {
    const published = WRITE_RATES[method];
    const rate = published && !published.perChannel ? { ...published, perMinute: published.perMinute * this.rateScale } : published;
    const key = rate?.perChannel ? `${method}:${typeof options.channel === 'string' ? options.channel : ''}` : method;
    for (let retry = 0; ; retry++) {
      if (rate) await this.gate.take(key, rate);
      try {
        const result = await super.apiCall(method, options);
        this.onCall(method, 'ok');
        return result;
      } catch (error) {
        this.onCall(method, isRateLimited(error) ? 'rate_limited' : 'error');
        if (!isRetryable429(error) || retry >= this.rateLimitedRetries) throw error;
        await sleep(error.retryAfter * 1000);
      }
    }
  }
}

/** An HTTP 429 with Retry-After (which the SDK hands back because of `rejectRateLimitedCalls`). */
function isRetryable429(error: unknown): error is WebAPIRateLimitedError {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === ErrorCode.RateLimitedError;
}

/** A 429, or Slack's `ratelimited` refusal in an HTTP 200 body. */
function isRateLimited(error: unknown): boolean {
  const code = slackErrorCode(error);
  return isRetryable429(error) || code === 'ratelimited' || code === 'rate_limited';
}
