import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { rateWindows, type RateWindow, type WriteRate } from './rate-window.js';

/**
 * Slack's write budgets, one per key (a method, or a method in one channel). With Redis the budget is one for every
 * replica on the same Redis and prefix; without it, one for this process.
 */
export interface SlackRateGate {
  /** Resolves when a point of `key`'s budget at `rate` is free: waits, never refuses; in the order asked, per process. */
  take(key: string, rate: WriteRate): Promise<void>;
  close(): Promise<void>;
}

export interface SlackRateGateOptions {
  /** Redis shared by the replicas; unset = this process's memory. */
  redisUrl?: string;
  /** The bot's REDIS_PREFIX, so that several bots on one Redis keep budgets of their own. */
  prefix: string;
  /** The gate's Redis connection failed (calls are paced from this process's memory until it is back). */
  onRedisError?: (error: Error) => void;
}

type Limiter = RateLimiterRedis | RateLimiterMemory | BurstyRateLimiter;
/** Makes the limiter of one window; `budget` names which of a rate's budgets it keeps (their keys must differ). */
type WindowLimiter = (window: RateWindow, budget: 'steady' | 'burst') => RateLimiterRedis | RateLimiterMemory;

/**
 * RateLimiterRedis sets its window with EX, in whole seconds: 1.2 s becomes 1 s (a faster pace than asked) and a window
 * under 1 s never expires (measured with rate-limiter-flexible 11.4). So the gate gives it the window in milliseconds
 * where it expects seconds, and this script, set through its `customIncrTtlLuaScript` option, sets that window with PX
 * (ARGV[1]: points to add, ARGV[2]: the window). It is the library's own script with PX for EX.
 */
const INCR_PX_SCRIPT = `redis.call('set', KEYS[1], 0, 'PX', ARGV[2], 'NX')
local consumed = redis.call('incrby', KEYS[1], ARGV[1])
local ttl = redis.call('pttl', KEYS[1])
if ttl == -1 then
  redis.call('pexpire', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {consumed, ttl}`;

/** A Redis that does not answer in this long is treated as down for that call. */
const REDIS_COMMAND_TIMEOUT_MS = 500;
/** How long the first calls wait for the first connection, rather than each replica pacing them from its own memory. */
const FIRST_CONNECT_WAIT_MS = 1_000;

export function createSlackRateGate(options: SlackRateGateOptions): SlackRateGate {
  const keyPrefix = (budget: 'steady' | 'burst') => `${options.prefix}:slack-rate${budget === 'burst' ? ':burst' : ''}`;
  const memoryLimiter: WindowLimiter = ({ points, windowMs }, budget) => new RateLimiterMemory({ keyPrefix: keyPrefix(budget), points, duration: windowMs / 1000 });
  if (!options.redisUrl) return new LimiterGate(memoryLimiter, Promise.resolve(), async () => undefined);

  const redis = new Redis(options.redisUrl, {
    // No call waits for Redis: while it is away, commands fail at once and the insurance limiter paces from memory.
    enableOfflineQueue: false,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 500, 5_000),
  });
  // Settles when connected, on the first connection error (Redis down: calls go to memory at once), or after the wait.
  const connected = Promise.race([once(redis, 'ready'), sleep(FIRST_CONNECT_WAIT_MS)]).catch(() => undefined);
  redis.on('error', (error: Error) => options.onRedisError?.(error));
  const redisLimiter: WindowLimiter = (window, budget) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: keyPrefix(budget),
      points: window.points,
      duration: window.windowMs, // milliseconds, for INCR_PX_SCRIPT
      customIncrTtlLuaScript: INCR_PX_SCRIPT,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memoryLimiter(window, budget),
    });
  return new LimiterGate(redisLimiter, connected, async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
}

class LimiterGate implements SlackRateGate {
  /** One limiter per distinct window; the keys of a window share it. */
  private readonly limiters = new Map<string, Limiter>();
  /** The last turn of each key someone in this process is waiting on; a new caller waits behind it. */
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly createLimiter: WindowLimiter,
    private readonly connected: Promise<unknown>,
    readonly close: () => Promise<void>,
  ) {}

  take(key: string, rate: WriteRate): Promise<void> {
    const limiter = this.limiter(rate);
    const turn = (this.tails.get(key) ?? this.connected).then(() => consumeWhenFree(limiter, key));
    const tail = turn.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => this.tails.get(key) === tail && this.tails.delete(key));
    return turn;
  }

  private limiter(rate: WriteRate): Limiter {
    const { steady, burst } = rateWindows(rate);
    const id = `${steady.points}/${steady.windowMs}+${burst ? `${burst.points}/${burst.windowMs}` : ''}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      const steadyLimiter = this.createLimiter(steady, 'steady');
      limiter = burst ? new BurstyRateLimiter(steadyLimiter, this.createLimiter(burst, 'burst')) : steadyLimiter;
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}

async function consumeWhenFree(limiter: Limiter, key: string): Promise<void> {
  for (;;) {
    try {
      await limiter.consume(key);
      return;
    } catch (refusal) {
      // A refusal says when the window ends. Store errors never get here (the insurance limiter answers them).
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      await sleep(Math.max(1, refusal.msBeforeNext));
    }
  }
}
