/** Deletes the Redis keys of the bots the bench started (each had a namespace of its own). */
import { createClient } from '@keyv/redis';

export async function deleteNamespaces(url: string, namespaces: readonly string[]): Promise<number> {
  const client = createClient({ url });
  await client.connect();
  let deleted = 0;
  try {
    for (const namespace of namespaces) {
      for await (const keys of client.scanIterator({ MATCH: `${namespace}*`, COUNT: 500 })) {
        if (keys.length > 0) deleted += await client.del(keys);
      }
    }
  } finally {
    await client.quit();
  }
  return deleted;
}
