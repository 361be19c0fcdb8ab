/**
 * The storage the bot needs: records with a time to live, plus one atomic "set if absent" for de-duplication and
 * locks. Every failure rejects (never a silent loss): callers decide what the user is told.
 */
export interface KeyValueStore {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Sets `key` only when it is absent; resolves true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
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
