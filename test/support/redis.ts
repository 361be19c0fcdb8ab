import { randomUUID } from 'node:crypto';
import { createClient } from '@keyv/redis';
import { createRedisStore } from '../../src/store/redis-store.js';
import type { KeyValueStore } from '../../src/store/key-value-store.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The run engine the in-process suites use: BullMQ on the test Redis (as production with REDIS_URL), or the
 * in-process default when `BOT_ENGINE=local` (vitest runs the end-to-end suites both ways, see vitest.config.ts).
 */
export const TEST_ENGINE: 'bullmq' | 'local' = process.env.BOT_ENGINE === 'local' ? 'local' : 'bullmq';

/** Settings the in-process suites give the bot: its run engine on the test Redis under `namespace` (nothing for the local engine), and test rates. */
export function testBotEnv(namespace: string, url = REDIS_URL): Record<string, string> {
  // The workspace-wide method rates are scaled up: these suites test behaviour (429s, faults, outputs), not pacing,
  // and at Slack's published Tier 2 each chat.stopStream retry would wait 3 s. Per-channel rates stay Slack's.
  const rates = { SLACK_RATE_SCALE: '10' };
  return TEST_ENGINE === 'bullmq' ? { ...rates, REDIS_URL: url, REDIS_PREFIX: namespace, RUN_LOCK_SECONDS: '2' } : rates;
}

/** A store on the real Redis under a namespace of its own; `dispose` deletes every key it wrote. */
export async function testRedisStore(url = REDIS_URL): Promise<{ store: KeyValueStore; namespace: string; dispose: () => Promise<void> }> {
  const namespace = `test-${randomUUID()}`;
  const store = await createRedisStore({ url, namespace });
  return {
    store,
    namespace,
    async dispose() {
      await store.close().catch(() => undefined);
      await deleteNamespace(namespace, url).catch(() => undefined);
    },
  };
}

export async function deleteNamespace(namespace: string, url = REDIS_URL): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${namespace}*`, COUNT: 500 })) {
      if (keys.length > 0) await client.del(keys);
    }
  } finally {
    await client.quit();
  }
}

export async function countKeys(namespace: string): Promise<number> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  let count = 0;
  try {
    for await (const keys of client.scanIterator({ MATCH: `${namespace}*`, COUNT: 500 })) count += keys.length;
  } finally {
    await client.quit();
  }
  return count;
}
