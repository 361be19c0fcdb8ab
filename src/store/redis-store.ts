import KeyvRedis from '@keyv/redis';
import { Keyv } from 'keyv';
import { createRedisBroadcast } from './broadcast.js';
import { StoreUnavailableError, type KeyValueStore } from './key-value-store.js';
import { newRedisClient } from './redis-client.js';
import { KeyvRecords } from './redis-records.js';

export interface RedisStoreOptions {
  url: string;
  /** Prefix of every key, so several bots (or tests) can share one Redis. */
  namespace?: string;
  /** How long a command may wait for a connection before it fails (a Slack ack must not wait on Redis). */
  connectionTimeoutMs?: number;
  onError?: (error: Error) => void;
}

/**
 * Redis through keyv, with the atomic operations on keyv's own client. keyv's defaults hide failures (a `get` hangs
 * while Redis is down, a failed `set` only emits an event), so every throw option is on.
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<KeyValueStore> {
  const namespace = options.namespace ?? 'jsb';
  const timeout = options.connectionTimeoutMs ?? 500;
  const onError = (error: Error) => options.onError?.(error);
  const client = newRedisClient(options.url, timeout);
  client.on('error', onError);
  const adapter = new KeyvRedis(client, { throwOnConnectError: true, throwOnErrors: true, connectionTimeout: timeout });
  const keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true });
  // Claims and hashes are plain Redis keys under the namespace (keyv's records are under `namespace::`).
  const claimKey = (key: string) => `${namespace}:claim:${key}`;
  const hashKey = (key: string) => `${namespace}:hash:${key}`;

  // Not awaited: a Redis that is down at start must not stop the bot; commands fail fast until it is back.
  const connecting = client.connect().catch((error: unknown) => onError(error instanceof Error ? error : new Error(String(error))));
  await Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, timeout))]);

  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    if (!client.isReady) throw new StoreUnavailableError(new Error('redis not connected'));
    try {
      return await work();
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  };
  const records = new KeyvRecords(client, keyv, adapter, namespace, guard);
  const broadcast = createRedisBroadcast(client, namespace, onError);

  return {
    kind: 'redis',
    broadcast,
    get: (key) => guard(() => keyv.get(key)),
    set: (key, value, ttlMs) => guard(async () => void (await keyv.set(key, value, ttlMs))),
    delete: (key) => guard(async () => void (await client.del([records.redisKey(key), claimKey(key), hashKey(key)]))),
    update: (key, change, ttlMs) => records.update(key, change, ttlMs),
    hashIncrement: (key, field, by, ttlMs) =>
      guard(async () => {
        const [count] = await client.multi().hIncrBy(hashKey(key), field, by).pExpire(hashKey(key), ttlMs).exec();
        return Number(count);
      }),
    hashSet: (key, field, value, ttlMs) => guard(async () => void (await client.multi().hSet(hashKey(key), field, value).pExpire(hashKey(key), ttlMs).exec())),
    hashDelete: (key, field) => guard(async () => void (await client.hDel(hashKey(key), field))),
    hashGetAll: (key) => guard(async () => ({ ...(await client.hGetAll(hashKey(key))) })),
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
      await broadcast.close();
      if (client.isReady) await client.quit().catch(() => client.destroy());
      else if (client.isOpen) client.destroy();
    },
  };
}
