import { WebClient, type WebAPICallResult, type WebClientOptions } from '@slack/web-api';
import { WRITE_RATES } from '../../forms/limits.js';
import { TokenBucket } from './token-bucket.js';

/**
 * The one pacing point for the bot's Slack writes: every call of a rate-limited method waits for a token of its
 * method's bucket (and, for chat.postMessage, of its channel's), so that many runs in one workspace or channel stay
 * within Slack's limits instead of collecting 429s. Nothing is dropped; callers that coalesce (the progress pacer)
 * merge what piles up while they wait. A 429 that still comes is retried by the SDK after its Retry-After.
 */
const SWEEP_AT = 500;

export class PacedWebClient extends WebClient {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(token: string, options: WebClientOptions) {
    super(token, options);
  }

  override async apiCall(method: string, options: Record<string, unknown> = {}): Promise<WebAPICallResult> {
    const rate = WRITE_RATES[method];
    if (rate) {
      const channel = typeof options.channel === 'string' ? options.channel : '';
      await this.bucket(rate.perChannel ? `${method}:${channel}` : method, rate).take();
    }
    return super.apiCall(method, options);
  }

  private bucket(key: string, rate: { perMinute: number; burst: number }): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      // One bucket per channel written to: forget the idle ones now and then so the map does not grow for ever.
      if (this.buckets.size >= SWEEP_AT) for (const [k, b] of this.buckets) if (b.idle) this.buckets.delete(k);
      bucket = new TokenBucket(rate.perMinute / 60, rate.burst);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}
