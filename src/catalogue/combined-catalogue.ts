import type { Capability, Provider, ProviderWith, TaskDefinition } from '../providers/types.js';
import { closestTasks } from './closest-tasks.js';
import type { TaskCatalogue } from './task-catalogue.js';

/** What `find` answers: TaskCatalogue's lookup, saying which providers did not answer and when a bare slug was ambiguous. */
export type CatalogueLookup =
  | { kind: 'found'; task: TaskDefinition }
  /** `ambiguous`: the slug names a task of several providers; `suggestions` are exactly those, to be addressed in full. */
  | { kind: 'missing'; suggestions: TaskDefinition[]; ambiguous?: boolean }
  /** `providers`: the display names of the providers that could not be asked; `provider`: the one `error` is from. */
  | { kind: 'unavailable'; error: unknown; provider: Provider; providers: string[] };

/** `jarvis:paperclip`: a task's full address, valid whatever other providers are on. */
export function fullAddress(task: Pick<TaskDefinition, 'provider' | 'slug'>): string {
  return `${task.provider}:${task.slug}`;
}

/** How to address `task` among `tasks`: its bare slug when no other task has it, else its full address. */
export function addressIn(tasks: readonly TaskDefinition[], task: TaskDefinition): string {
  const shared = tasks.some((other) => other.slug === task.slug && (other.provider !== task.provider || other.id !== task.id));
  return shared ? fullAddress(task) : task.slug;
}

/**
 * Every provider's task catalogue as one: tasks are addressed as `<provider>:<slug>` (or `<provider>:<id>`), or by
 * the bare slug or id when only one task has it. Each provider's list stays cached in its own TaskCatalogue; a
 * provider that does not answer is left out of lists and searches, which fail only when no provider answers.
 */
export class CombinedCatalogue {
  constructor(private readonly catalogues: ReadonlyMap<string, TaskCatalogue>) {
    if (catalogues.size === 0) throw new Error('A catalogue needs at least one provider');
  }

  /** The providers, in the order they were configured. */
  get providers(): Provider[] {
    return [...this.catalogues.values()].map((catalogue) => catalogue.provider);
  }

  /** The first provider configured: when no provider answers, `tasks` and `search` fail with its error. */
  get first(): Provider {
    const [first] = this.providers;
    if (!first) throw new Error('A catalogue needs at least one provider');
    return first;
  }

  /** For sentences about the whole catalogue: "Jasper", "Jasper and Jarvis". */
  get displayName(): string {
    const names = this.providers.map((p) => p.displayName);
    return names.length === 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
  }

  provider(id: string): Provider | undefined {
    return this.catalogues.get(id)?.provider;
  }

  /** The first provider (in configured order) that has an optional capability, e.g. `completion` or `usage`. */
  firstWith<C extends Capability>(capability: C): ProviderWith<C> | undefined {
    return this.providers.find((provider): provider is ProviderWith<C> => provider[capability] !== undefined);
  }

  /** The provider of a task (its `provider` id); a task's own provider is always configured. */
  providerOf(task: Pick<TaskDefinition, 'provider'>): Provider {
    const provider = this.provider(task.provider);
    if (!provider) throw new Error(`No provider "${task.provider}" is configured`);
    return provider;
  }

  /** Starts every provider's first fetch without waiting. */
  warm(): void {
    for (const catalogue of this.catalogues.values()) catalogue.warm();
  }

  /** Every answering provider's tasks, in provider order. */
  async tasks(): Promise<TaskDefinition[]> {
    return answered(await this.settle((catalogue) => catalogue.tasks()));
  }

  /** A task by its provider and id (what modals, buttons and sessions store). */
  async get(providerId: string, taskId: string): Promise<TaskDefinition> {
    const catalogue = this.catalogues.get(providerId);
    if (!catalogue) throw new Error(`No provider "${providerId}" is configured`);
    return catalogue.get(taskId);
  }

  /**
   * What `/jasper run <reference>` names. A task found while another provider is not answering is taken: that
   * provider's tasks may hold the same slug, but it cannot be asked, and a full address always works.
   */
  async find(reference: string): Promise<CatalogueLookup> {
    const wanted = reference.trim().toLowerCase();
    const addressed = this.addressed(wanted);
    if (addressed) {
      const lookup = await addressed.catalogue.find(addressed.rest);
      const { provider } = addressed.catalogue;
      return lookup.kind === 'unavailable' ? { ...lookup, provider, providers: [provider.displayName] } : lookup;
    }
    const results = await this.settle((catalogue) => catalogue.tasks());
    const tasks = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    // Jarvis's ids are its slugs: an id of one provider and a slug of another are as ambiguous as two slugs.
    const matches = tasks.filter((t) => t.id.toLowerCase() === wanted || t.slug === wanted);
    const [only] = matches;
    if (only && matches.length === 1) return { kind: 'found', task: only };
    if (matches.length > 1) return { kind: 'missing', suggestions: matches, ambiguous: true };
    const failed = this.providers.flatMap((provider, i) => {
      const result = results[i];
      return result?.status === 'rejected' ? [{ error: result.reason as unknown, provider }] : [];
    });
    const [first] = failed;
    if (first) return { kind: 'unavailable', error: first.error, provider: first.provider, providers: failed.map((f) => f.provider.displayName) };
    return { kind: 'missing', suggestions: closestTasks(tasks, reference) };
  }

  /**
   * Tasks matching the query in any answering provider (name, slug, description, categories). A query naming a
   * provider ("jarvis") lists its tasks; `<provider>:<text>` searches that provider only.
   */
  async search(query: string): Promise<TaskDefinition[]> {
    const wanted = query.trim().toLowerCase();
    const addressed = this.addressed(wanted);
    if (addressed) return addressed.catalogue.search(addressed.rest);
    const named = (provider: Provider) => wanted !== '' && (provider.id === wanted || provider.displayName.toLowerCase() === wanted);
    return answered(await this.settle((catalogue) => (named(catalogue.provider) ? catalogue.tasks() : catalogue.search(query))));
  }

  /** `jarvis:paperclip` -> the Jarvis catalogue and "paperclip"; undefined when the text before ":" names no provider. */
  private addressed(wanted: string): { catalogue: TaskCatalogue; rest: string } | undefined {
    const colon = wanted.indexOf(':');
    if (colon <= 0) return undefined;
    const catalogue = this.catalogues.get(wanted.slice(0, colon));
    return catalogue && { catalogue, rest: wanted.slice(colon + 1) };
  }

  private settle<T>(read: (catalogue: TaskCatalogue) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
    return Promise.allSettled([...this.catalogues.values()].map(read));
  }
}

/** The answers of the providers that answered; when none did, the first one's error. */
function answered(results: PromiseSettledResult<TaskDefinition[]>[]): TaskDefinition[] {
  const fulfilled = results.filter((r): r is PromiseFulfilledResult<TaskDefinition[]> => r.status === 'fulfilled');
  if (fulfilled.length === 0 && results[0]?.status === 'rejected') throw results[0].reason;
  return fulfilled.flatMap((r) => r.value);
}
