import type { Provider, TaskDefinition } from '../providers/types.js';
import { closestTasks } from './closest-tasks.js';
import { StaleCache } from './stale-cache.js';

export interface TaskCatalogueOptions {
  /** How old the list may grow before a background refresh. */
  refreshMs: number;
  /** How long a caller with nothing cached waits for the first list (a `trigger_id` lives 3 s). */
  coldWaitMs?: number;
  onRefreshError?: (error: unknown) => void;
  now?: () => number;
}

export type TaskLookup =
  | { kind: 'found'; task: TaskDefinition }
  | { kind: 'missing'; suggestions: TaskDefinition[] }
  | { kind: 'unavailable'; error: unknown };

/**
 * The provider's tasks, cached: fetched at start, refreshed in the background when stale, served stale while the
 * refresh runs, so that opening a modal never waits on a slow upstream once the list is warm.
 */
export class TaskCatalogue {
  private readonly cache: StaleCache<TaskDefinition[]>;

  constructor(
    readonly provider: Provider,
    options: TaskCatalogueOptions,
  ) {
    this.cache = new StaleCache(() => provider.listTasks(), { coldWaitMs: 2_000, ...options });
  }

  /** Starts the first fetch without waiting for it. */
  warm(): void {
    this.cache.warm();
  }

  tasks(): Promise<TaskDefinition[]> {
    return this.cache.get();
  }

  async find(reference: string): Promise<TaskLookup> {
    let tasks: TaskDefinition[];
    try {
      tasks = await this.tasks();
    } catch (error) {
      return { kind: 'unavailable', error };
    }
    const wanted = reference.trim().toLowerCase();
    const task = tasks.find((t) => t.id.toLowerCase() === wanted) ?? tasks.find((t) => t.slug === wanted);
    return task ? { kind: 'found', task } : { kind: 'missing', suggestions: closestTasks(tasks, reference) };
  }

  /** A task by id from the cache, falling back to the provider (e.g. a task created since the last refresh). */
  async get(id: string): Promise<TaskDefinition> {
    const cached = this.cache.peek()?.find((task) => task.id === id);
    return cached ?? this.provider.getTask(id);
  }

  async search(query: string): Promise<TaskDefinition[]> {
    const tasks = await this.tasks();
    const q = query.trim().toLowerCase();
    if (!q) return tasks;
    return tasks.filter(
      (t) =>
        t.name.toLowerCase().includes(q) ||
        t.slug.includes(q) ||
        t.description.toLowerCase().includes(q) ||
        t.categories.some((c) => c.toLowerCase().includes(q)),
    );
  }
}
