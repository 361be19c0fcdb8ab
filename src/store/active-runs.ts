import { z } from 'zod';
import type { KeyValueStore } from './key-value-store.js';

const KEY = 'active-runs';
const StartedAtSchema = z.coerce.number().int().positive();
/** An entry older than this is ignored even if never cleared (a run never takes a week). */
const TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The sessions with a run in progress, kept in the store so that a process that died mid-run leaves a trace the next
 * process finds: those runs are marked interrupted, with Retry, instead of showing "Running…" forever. One hash field
 * per session (its start time), so that runs of several processes are added and removed without touching each other.
 */
export class ActiveRuns {
  constructor(private readonly store: KeyValueStore) {}

  add(sessionId: string): Promise<void> {
    return this.store.hashSet(KEY, sessionId, String(Date.now()), TTL_MS);
  }

  remove(sessionId: string): Promise<void> {
    return this.store.hashDelete(KEY, sessionId);
  }

  async list(): Promise<string[]> {
    const oldest = Date.now() - TTL_MS;
    return Object.entries(await this.store.hashGetAll(KEY))
      .filter(([, startedAt]) => (StartedAtSchema.safeParse(startedAt).data ?? 0) > oldest)
      .map(([sessionId]) => sessionId);
  }
}
