import { z } from 'zod';
import type { KeyValueStore } from './key-value-store.js';
import { KeyedQueue } from './keyed-queue.js';

const KEY = 'active-runs';
const ActiveSchema = z.record(z.string(), z.number());
/** An entry older than this is dropped even if never cleared (a run never takes a week). */
const TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The sessions with a run in progress, kept in the store so that a process that died mid-run leaves a trace the next
 * process finds: those runs are marked interrupted, with Retry, instead of showing "Running…" forever.
 */
export class ActiveRuns {
  private readonly queue = new KeyedQueue();

  constructor(private readonly store: KeyValueStore) {}

  add(sessionId: string): Promise<void> {
    return this.change((active) => void (active[sessionId] = Date.now()));
  }

  remove(sessionId: string): Promise<void> {
    return this.change((active) => void delete active[sessionId]);
  }

  async list(): Promise<string[]> {
    return Object.keys(await this.read());
  }

  private change(edit: (active: Record<string, number>) => void): Promise<void> {
    return this.queue.run(KEY, async () => {
      const active = await this.read();
      edit(active);
      await this.store.set(KEY, active, TTL_MS);
    });
  }

  private async read(): Promise<Record<string, number>> {
    const parsed = ActiveSchema.safeParse(await this.store.get(KEY));
    return parsed.success ? parsed.data : {};
  }
}
