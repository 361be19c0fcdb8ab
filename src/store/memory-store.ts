import { Keyv } from 'keyv';
import type { KeyValueStore } from './key-value-store.js';

/** In-process store for running without Redis: everything is lost on restart. */
export function createMemoryStore(namespace = 'jsb'): KeyValueStore {
  const keyv = new Keyv({ namespace, throwOnErrors: true });
  const claims = new Map<string, number>();
  return {
    kind: 'memory',
    get: (key) => keyv.get(key),
    async set(key, value, ttlMs) {
      await keyv.set(key, value, ttlMs);
    },
    async delete(key) {
      await keyv.delete(key);
      claims.delete(key);
    },
    async setIfAbsent(key, _value, ttlMs) {
      const now = Date.now();
      const expiresAt = claims.get(key);
      if (expiresAt !== undefined && expiresAt > now) return false;
      claims.set(key, now + ttlMs);
      return true;
    },
    ping: async () => true,
    async close() {
      claims.clear();
      await keyv.disconnect();
    },
  };
}
