import type { KeyValueStore } from './key-value-store.js';

/**
 * De-duplication: the first caller to claim a key wins for `ttlMs`. Slack redelivers events and users double-click;
 * a claim per event id, message or view makes each start one run.
 */
export function claimOnce(store: KeyValueStore, key: string, ttlMs = 60 * 60 * 1000): Promise<boolean> {
  return store.setIfAbsent(`once:${key}`, '1', ttlMs);
}

/** Gives a claim up before its time (the work it guarded is over and may be tried again). */
export function releaseClaim(store: KeyValueStore, key: string): Promise<void> {
  return store.delete(`once:${key}`);
}
