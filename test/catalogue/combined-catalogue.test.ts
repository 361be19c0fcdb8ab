import { describe, expect, it } from 'vitest';
import { CombinedCatalogue, addressIn, fullAddress } from '../../src/catalogue/combined-catalogue.js';
import { TaskCatalogue } from '../../src/catalogue/task-catalogue.js';
import { createJarvisProvider } from '../../src/providers/jarvis/index.js';
import type { Provider, TaskDefinition } from '../../src/providers/types.js';

const task = (provider: string, name: string, id = `${provider}-${name.toLowerCase().replace(/\s+/g, '-')}`): TaskDefinition => ({
  provider,
  id,
  name,
  slug: name.toLowerCase().replace(/\s+/g, '-'),
  description: `${name} by ${provider}`,
  categories: [],
  inputs: [],
});

/** A provider with a fixed list, or one whose list always fails. */
function provider(id: string, displayName: string, tasks: TaskDefinition[] | Error, extra: Partial<Provider> = {}): Provider {
  return {
    id,
    displayName,
    settings: { key: `${id.toUpperCase()}_API_KEY`, url: `${id.toUpperCase()}_URL` },
    listTasks: async () => {
      if (tasks instanceof Error) throw tasks;
      return tasks;
    },
    getTask: async (taskId) => {
      const found = tasks instanceof Error ? undefined : tasks.find((t) => t.id === taskId);
      if (!found) throw new Error(`no task ${taskId}`);
      return found;
    },
    run: () => {
      throw new Error('not used');
    },
    ...extra,
  };
}

function combined(...providers: Provider[]): CombinedCatalogue {
  return new CombinedCatalogue(new Map(providers.map((p) => [p.id, new TaskCatalogue(p, { refreshMs: 60_000, coldWaitMs: 500 })])));
}

const JASPER_TASKS = [task('jasper', 'Blog Post', '94e0c6ab'), task('jasper', 'Paperclip'), task('jasper', 'Social Post')];
const jasper = (extra: Partial<Provider> = {}) => provider('jasper', 'Jasper', JASPER_TASKS, extra);
// The real Jarvis task list (it needs no upstream to list its agents).
const jarvis = createJarvisProvider({ apiKey: 'unused', baseURL: 'http://127.0.0.1:9' });

describe('CombinedCatalogue', () => {
  it('lists every provider\'s tasks in provider order', async () => {
    const tasks = await combined(jasper(), jarvis).tasks();
    expect(tasks.map(fullAddress)).toEqual(['jasper:blog-post', 'jasper:paperclip', 'jasper:social-post', 'jarvis:paperclip', 'jarvis:hermes']);
  });

  it('finds a task by <provider>:<slug> or <provider>:<id>, whatever the case', async () => {
    const catalogue = combined(jasper(), jarvis);
    expect(await catalogue.find('jarvis:paperclip')).toMatchObject({ kind: 'found', task: { provider: 'jarvis', id: 'paperclip' } });
    expect(await catalogue.find(' JASPER:Paperclip ')).toMatchObject({ kind: 'found', task: { provider: 'jasper', slug: 'paperclip' } });
    expect(await catalogue.find('jasper:94E0C6AB')).toMatchObject({ kind: 'found', task: { name: 'Blog Post' } });
  });

  it('finds a bare slug or id that only one task has', async () => {
    const catalogue = combined(jasper(), jarvis);
    expect(await catalogue.find('hermes')).toMatchObject({ kind: 'found', task: { provider: 'jarvis' } });
    expect(await catalogue.find('blog-post')).toMatchObject({ kind: 'found', task: { provider: 'jasper' } });
    expect(await catalogue.find('94e0c6ab')).toMatchObject({ kind: 'found', task: { name: 'Blog Post' } });
  });

  it('answers an ambiguous bare slug with every candidate, to be addressed in full', async () => {
    const lookup = await combined(jasper(), jarvis).find('paperclip');
    expect(lookup.kind).toBe('missing');
    if (lookup.kind !== 'missing') return;
    expect(lookup.ambiguous).toBe(true);
    expect(lookup.suggestions.map(fullAddress)).toEqual(['jasper:paperclip', 'jarvis:paperclip']);
  });

  it('suggests the closest tasks of all providers for an unknown reference', async () => {
    const lookup = await combined(jasper(), jarvis).find('herms');
    expect(lookup).toMatchObject({ kind: 'missing', suggestions: [{ provider: 'jarvis', slug: 'hermes' }] });
    expect(lookup.kind === 'missing' && lookup.ambiguous).toBeFalsy();
    expect(await combined(jasper(), jarvis).find('jarvis:nothing-like-it')).toEqual({ kind: 'missing', suggestions: [] });
  });

  it('treats text before ":" that names no provider as part of the reference', async () => {
    expect(await combined(jasper(), jarvis).find('acme:paperclip')).toMatchObject({ kind: 'missing' });
  });

  it('goes on without a provider that does not answer, and names it when it may hold the task', async () => {
    const down = provider('jasper', 'Jasper', new Error('Jasper is down'));
    const catalogue = combined(down, jarvis);
    expect((await catalogue.tasks()).map(fullAddress)).toEqual(['jarvis:paperclip', 'jarvis:hermes']);
    expect(await catalogue.find('paperclip')).toMatchObject({ kind: 'found', task: { provider: 'jarvis' } });
    expect(await catalogue.find('blog-post')).toMatchObject({ kind: 'unavailable', providers: ['Jasper'] });
    expect(await catalogue.find('jasper:blog-post')).toMatchObject({ kind: 'unavailable', providers: ['Jasper'] });
    expect((await catalogue.search('')).map(fullAddress)).toEqual(['jarvis:paperclip', 'jarvis:hermes']);
  });

  it('fails lists and searches only when no provider answers', async () => {
    const catalogue = combined(provider('jasper', 'Jasper', new Error('Jasper is down')), provider('other', 'Other', new Error('Other is down')));
    await expect(catalogue.tasks()).rejects.toThrow('Jasper is down');
    await expect(catalogue.search('post')).rejects.toThrow('Jasper is down');
  });

  it('searches across providers, by provider name, and within one provider', async () => {
    const catalogue = combined(jasper(), jarvis);
    expect((await catalogue.search('post')).map(fullAddress)).toEqual(['jasper:blog-post', 'jasper:social-post']);
    expect((await catalogue.search('paperclip')).map(fullAddress)).toEqual(['jasper:paperclip', 'jarvis:paperclip']);
    expect((await catalogue.search('Jarvis')).map(fullAddress)).toEqual(['jarvis:paperclip', 'jarvis:hermes']);
    expect((await catalogue.search('jasper')).map(fullAddress)).toEqual(['jasper:blog-post', 'jasper:paperclip', 'jasper:social-post']);
    expect((await catalogue.search('jarvis:herm')).map(fullAddress)).toEqual(['jarvis:hermes']);
  });

  it('gets a task by provider and id, and refuses an unknown provider', async () => {
    const catalogue = combined(jasper(), jarvis);
    expect(await catalogue.get('jarvis', 'hermes')).toMatchObject({ name: 'Hermes' });
    await expect(catalogue.get('nobody', 'x')).rejects.toThrow('No provider "nobody" is configured');
  });

  it('addresses a task by its bare slug only while no other task has it', async () => {
    const tasks = await combined(jasper(), jarvis).tasks();
    const address = (provider: string, slug: string) => addressIn(tasks, tasks.find((t) => t.provider === provider && t.slug === slug) as TaskDefinition);
    expect(address('jarvis', 'hermes')).toBe('hermes');
    expect(address('jarvis', 'paperclip')).toBe('jarvis:paperclip');
    expect(address('jasper', 'paperclip')).toBe('jasper:paperclip');
  });

  it('names its providers and finds the one with a capability', () => {
    const completion = { complete: async () => 'answer' };
    const catalogue = combined(jarvis, jasper({ completion }));
    expect(catalogue.displayName).toBe('Jarvis and Jasper');
    expect(combined(jarvis).displayName).toBe('Jarvis');
    expect(catalogue.firstWith('completion')?.id).toBe('jasper');
    expect(catalogue.firstWith('knowledge')).toBeUndefined();
    expect(catalogue.firstWith('history')?.id).toBe('jarvis');
    expect(catalogue.first.id).toBe('jarvis');
    expect(catalogue.provider('jarvis')).toBe(jarvis);
    expect(catalogue.providers.map((p) => p.id)).toEqual(['jarvis', 'jasper']);
  });

  it('warms every provider\'s list', async () => {
    let listed = 0;
    const counting = (id: string) => provider(id, id, [], { listTasks: async () => (listed++, []) });
    combined(counting('a'), counting('b')).warm();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(listed).toBe(2);
  });
});
