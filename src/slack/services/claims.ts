import { claimOnce, releaseClaim } from '../../store/claims.js';
import type { KeyValueStore } from '../../store/key-value-store.js';

/** De-duplication claims (store/claims.ts) as a service, so that listeners never hold the raw store. */
export class Claims {
  constructor(private readonly store: KeyValueStore) {}

  /** True for the first caller to claim `key` within `ttlMs` (an hour unless told). */
  once(key: string, ttlMs?: number): Promise<boolean> {
    return claimOnce(this.store, key, ttlMs);
  }

  /** Gives a claim up before its time. */
  release(key: string): Promise<void> {
    return releaseClaim(this.store, key);
  }
}
