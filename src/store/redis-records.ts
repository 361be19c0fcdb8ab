import { createHash } from 'node:crypto';
import type KeyvRedis from '@keyv/redis';
import type { Keyv } from 'keyv';
import { StoreConflictError } from './key-value-store.js';
import type { RedisClient } from './redis-client.js';

/** How many times `update` reads again after losing a race before it gives up. */
const UPDATE_ATTEMPTS = 60;

/**
 * Sets the record only if it is still what the caller read (compared by digest, so a large session is not sent back
 * twice); '' stands for "absent". A Lua compare-and-set rather than WATCH/MULTI: WATCH belongs to a connection, and
 * every command of this process shares keyv's one connection, so two updates at once would cancel each other's WATCH
 * and commit unchecked.
 */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
local digest = current and redis.sha1hex(current) or ''
if digest ~= ARGV[1] then return 0 end
if ARGV[3] == '' then redis.call('SET', KEYS[1], ARGV[2]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
return 1`;

/**
 * keyv's records, read and written past keyv but exactly as keyv does (its key naming and its serializer), so that
 * `update` and keyv's `get`/`set` see one record: keyv prefixes `namespace:`, its Redis adapter adds `namespace::`, and
 * the stored string is keyv's serialization of `{ value, expires }`.
 */
export class KeyvRecords {
  constructor(
    private readonly client: RedisClient,
    private readonly keyv: Keyv,
    private readonly adapter: KeyvRedis<unknown>,
    private readonly namespace: string,
    /** Wraps a Redis call so that its failure rejects as StoreUnavailableError. */
    private readonly guard: <T>(work: () => Promise<T>) => Promise<T>,
  ) {}

  redisKey(key: string): string {
    const keyvKey = key.startsWith(`${this.namespace}:`) ? key : `${this.namespace}:${key}`;
    return this.adapter.createKeyPrefix(keyvKey, this.namespace);
  }

  async update<T>(key: string, change: (current: unknown) => T | undefined, ttlMs: number | undefined): Promise<T | undefined> {
    const redisKey = this.redisKey(key);
    for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
      const raw = await this.guard(() => this.client.get(redisKey));
      const next = change(raw === null ? undefined : await this.decode(raw));
      if (next === undefined) return undefined;
      const encoded = await this.keyv.serializeData({ value: next, expires: ttlMs ? Date.now() + ttlMs : undefined });
      if (typeof encoded !== 'string') throw new Error('keyv did not serialize a record to a string');
      const args = [raw === null ? '' : createHash('sha1').update(raw).digest('hex'), encoded, ttlMs ? String(ttlMs) : ''];
      const written = await this.guard(() => this.client.eval(COMPARE_AND_SET, { keys: [redisKey], arguments: args }));
      if (written === 1) return next;
      // Another process wrote in between: read again, after a random pause so that the losers do not collide again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 50)));
    }
    throw new StoreConflictError(key, UPDATE_ATTEMPTS);
  }

  /** The value as keyv's `get` would return it: undefined once expired. */
  private async decode(raw: string): Promise<unknown> {
    const data = await this.keyv.deserializeData<unknown>(raw);
    if (!data || (typeof data.expires === 'number' && data.expires < Date.now())) return undefined;
    return data.value;
  }
}
