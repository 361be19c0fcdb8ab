import { z } from 'zod';
import type { KeyValueStore } from './key-value-store.js';
import { KeyedQueue } from './keyed-queue.js';

const UsageSchema = z.record(z.string(), z.number().int().nonnegative());
const KEY = 'task-usage';
/** Counts are kept a year after the last run; they only order suggestions, so an approximate count is fine. */
const TTL_MS = 365 * 24 * 60 * 60 * 1000;

/** How often each task was run in this workspace, to put the most used first (assistant prompts, App Home). */
export class TaskUsage {
  private readonly queue = new KeyedQueue();

  constructor(private readonly store: KeyValueStore) {}

  record(provider: string, taskId: string): Promise<void> {
    return this.queue.run(KEY, async () => {
      const counts = await this.counts();
      const key = `${provider}:${taskId}`;
      counts[key] = (counts[key] ?? 0) + 1;
      await this.store.set(KEY, counts, TTL_MS);
    });
  }

  /** Run counts by `provider:taskId`; empty when none are recorded or the record is unreadable. */
  async counts(): Promise<Record<string, number>> {
    const parsed = UsageSchema.safeParse(await this.store.get(KEY));
    return parsed.success ? parsed.data : {};
  }
}
