import type { Broadcast } from './broadcast.js';

/**
 * The storage the bot needs: records with a time to live, atomic read-modify-writes of one record, counters and
 * fields of a hash, and one atomic "set if absent" for de-duplication. Every change of shared state goes through one
 * of the atomic operations, so that several processes on one Redis never lose each other's writes. Every failure
 * rejects (never a silent loss): callers decide what the user is told.
 */
export interface KeyValueStore {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  /** Removes the record, the hash and the claim stored under `key`. */
  delete(key: string): Promise<void>;
  /**
   * Optimistic read-modify-write of one record (the same record `get` and `set` see). `change` gets the current value
   * (undefined when absent) and returns the new one, or undefined to leave the record alone; it may be called several
   * times (when another process wrote in between), so it must be pure: what its last call returned is what happened.
   * Resolves with that value. Rejects with StoreConflictError when it lost too many times in a row.
   */
  update<T>(key: string, change: (current: unknown) => T | undefined, ttlMs?: number): Promise<T | undefined>;
  /** Adds `by` to a hash field (0 when absent); resolves with the new count. The hash lives `ttlMs` from now. */
  hashIncrement(key: string, field: string, by: number, ttlMs: number): Promise<number>;
  /** Sets one field of a hash, leaving the others; the hash lives `ttlMs` from now. */
  hashSet(key: string, field: string, value: string, ttlMs: number): Promise<void>;
  hashDelete(key: string, field: string): Promise<void>;
  /** Every field of a hash; empty when absent. */
  hashGetAll(key: string): Promise<Record<string, string>>;
  /** Sets `key` only when it is absent; resolves true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Messages to every process on this store (every replica), e.g. "this cache is stale". */
  readonly broadcast: Broadcast;
  /** Whether the backing store answers now. Never rejects. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(cause: unknown) {
    super('The session store is not reachable.', { cause });
  }
}

/** An `update` that kept meeting other writers of the same record and gave up rather than wait without end. */
export class StoreConflictError extends Error {
  override readonly name = 'StoreConflictError';
  constructor(key: string, attempts: number) {
    super(`The record ${key} kept changing under ${attempts} attempts to update it.`);
  }
}

