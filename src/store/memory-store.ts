import { createLocalBroadcast } from './broadcast.js';
import type { KeyValueStore } from './key-value-store.js';

interface Expiring {
  expiresAt?: number;
}
type StoredRecord = Expiring & { json: string };
type StoredHash = Expiring & { fields: Map<string, string> };

/**
 * In-process store for running without Redis: everything is lost on restart. Every operation reads and writes the maps
 * without awaiting in between, so each is atomic in this process (which is all there is). Records are kept as JSON so
 * that callers never share objects with the store, as with Redis.
 */
export function createMemoryStore(namespace = 'jsb'): KeyValueStore {
  const records = new Map<string, StoredRecord>();
  const hashes = new Map<string, StoredHash>();
  const claims = new Map<string, number>();
  const full = (key: string) => `${namespace}:${key}`;

  const live = <E extends Expiring>(map: Map<string, E>, key: string): E | undefined => {
    const entry = map.get(full(key));
    if (entry?.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      map.delete(full(key));
      return undefined;
    }
    return entry;
  };
  const read = (key: string): unknown => {
    const entry = live(records, key);
    return entry ? JSON.parse(entry.json) : undefined;
  };
  const write = (key: string, value: unknown, ttlMs: number | undefined) =>
    void records.set(full(key), { json: JSON.stringify(value), expiresAt: ttlMs ? Date.now() + ttlMs : undefined });
  const touchHash = (key: string, ttlMs: number): Map<string, string> => {
    const fields = live(hashes, key)?.fields ?? new Map<string, string>();
    hashes.set(full(key), { fields, expiresAt: Date.now() + ttlMs });
    return fields;
  };

  return {
    kind: 'memory',
    broadcast: createLocalBroadcast(),
    get: async (key) => read(key),
    set: async (key, value, ttlMs) => write(key, value, ttlMs),
    async delete(key) {
      records.delete(full(key));
      hashes.delete(full(key));
      claims.delete(key);
    },
    async update(key, change, ttlMs) {
      const next = change(read(key));
      if (next !== undefined) write(key, next, ttlMs);
      return next;
    },
    async hashIncrement(key, field, by, ttlMs) {
      const fields = touchHash(key, ttlMs);
      const count = Number(fields.get(field) ?? 0) + by;
      fields.set(field, String(count));
      return count;
    },
    async hashSet(key, field, value, ttlMs) {
      touchHash(key, ttlMs).set(field, value);
    },
    async hashDelete(key, field) {
      live(hashes, key)?.fields.delete(field);
    },
    hashGetAll: async (key) => Object.fromEntries(live(hashes, key)?.fields ?? []),
    async setIfAbsent(key, _value, ttlMs) {
      const now = Date.now();
      const expiresAt = claims.get(key);
      if (expiresAt !== undefined && expiresAt > now) return false;
      claims.set(key, now + ttlMs);
      return true;
    },
    ping: async () => true,
    async close() {
      records.clear();
      hashes.clear();
      claims.clear();
    },
  };
}
