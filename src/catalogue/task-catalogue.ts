import type { Provider, TaskDefinition } from '../providers/types.js';
import { closestTasks } from './closest-tasks.js';

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
  private cached?: { tasks: TaskDefinition[]; fetchedAt: number };
  private inflight?: Promise<TaskDefinition[]>;
  private readonly now: () => number;

  constructor(
    readonly provider: Provider,
    private readonly options: TaskCatalogueOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Starts the first fetch without waiting for it. */
  warm(): void {
    void this.refresh().catch((error: unknown) => this.options.onRefreshError?.(error));
  }

  async tasks(): Promise<TaskDefinition[]> {
    if (this.cached) {
      if (this.now() - this.cached.fetchedAt > this.options.refreshMs) this.warm();
      return this.cached.tasks;
    }
    return withDeadline(this.refresh(), this.options.coldWaitMs ?? 2_000);
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
    const cached = this.cached?.tasks.find((task) => task.id === id);
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

  private refresh(): Promise<TaskDefinition[]> {
    this.inflight ??= this.provider
      .listTasks()
      .then((tasks) => {
        this.cached = { tasks, fetchedAt: this.now() };
        return tasks;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The task list did not arrive within ${ms} ms.`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
