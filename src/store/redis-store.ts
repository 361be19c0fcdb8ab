import KeyvRedis, { createClient } from '@keyv/redis';
import { Keyv } from 'keyv';
import { StoreUnavailableError, type KeyValueStore } from './key-value-store.js';

export interface RedisStoreOptions {
  url: string;
  /** Prefix of every key, so several bots (or tests) can share one Redis. */
  namespace?: string;
  /** How long a command may wait for a connection before it fails (a Slack ack must not wait on Redis). */
  connectionTimeoutMs?: number;
  onError?: (error: Error) => void;
}

/**
 * Redis through keyv. keyv's defaults hide failures (a `get` hangs while Redis is down, a failed `set` only emits an
 * event), so every throw option is on and the client fails commands instead of queueing them while disconnected.
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<KeyValueStore> {
  const namespace = options.namespace ?? 'jsb';
  const timeout = options.connectionTimeoutMs ?? 500;
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: { connectTimeout: timeout, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });
  client.on('error', (error: Error) => options.onError?.(error));
  const adapter = new KeyvRedis(client, { throwOnConnectError: true, throwOnErrors: true, connectionTimeout: timeout });
  const keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true });
  const claimKey = (key: string) => `${namespace}:claim:${key}`;

  // Not awaited: a Redis that is down at start must not stop the bot; commands fail fast until it is back.
  const connecting = client.connect().catch((error: unknown) => options.onError?.(error instanceof Error ? error : new Error(String(error))));
  await Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, timeout))]);

  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    if (!client.isReady) throw new StoreUnavailableError(new Error('redis not connected'));
    try {
      return await work();
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  };

  return {
    kind: 'redis',
    get: (key) => guard(() => keyv.get(key)),
    set: (key, value, ttlMs) => guard(async () => void (await keyv.set(key, value, ttlMs))),
    delete: (key) => guard(async () => void (await Promise.all([keyv.delete(key), client.del(claimKey(key))]))),
    setIfAbsent: (key, value, ttlMs) =>
      guard(async () => (await client.set(claimKey(key), value, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } })) === 'OK'),
    async ping() {
      if (!client.isReady) return false;
      try {
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      if (client.isReady) await client.quit().catch(() => client.destroy());
      else if (client.isOpen) client.destroy();
    },
  };
}
