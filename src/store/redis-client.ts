import { createClient } from '@keyv/redis';

/**
 * The node-redis client keyv's adapter is given, made as it makes its own. It fails commands while disconnected
 * instead of queueing them (a Slack ack must not wait on Redis) and reconnects in the background.
 */
export function newRedisClient(url: string, connectTimeoutMs: number) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });
}

export type RedisClient = ReturnType<typeof newRedisClient>;
