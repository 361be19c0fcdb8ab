import { z } from 'zod';
import type { KeyValueStore } from './key-value-store.js';

const CountSchema = z.coerce.number().int().nonnegative();
/** A hash of run counts, one field per `provider:taskId`. */
const KEY = 'task-usage';
/** Counts are kept a year after the last run. */
const TTL_MS = 365 * 24 * 60 * 60 * 1000;

/** How often each task was run in this workspace, to put the most used first (assistant prompts, App Home). */
export class TaskUsage {
  constructor(private readonly store: KeyValueStore) {}

  /** One more run of the task, counted in the store itself (HINCRBY), so runs in several processes all count. */
  async record(provider: string, taskId: string): Promise<void> {
    await this.store.hashIncrement(KEY, `${provider}:${taskId}`, 1, TTL_MS);
  }

  /** Run counts by `provider:taskId`; a field that is not a whole number is left out. */
  async counts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const [key, value] of Object.entries(await this.store.hashGetAll(KEY))) {
      const count = CountSchema.safeParse(value);
      if (count.success) counts[key] = count.data;
    }
    return counts;
  }
}
