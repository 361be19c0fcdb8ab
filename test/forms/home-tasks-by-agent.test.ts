import { describe, expect, it } from 'vitest';
import { orderTasks } from '../../src/forms/home-view.js';
import type { TaskDefinition } from '../../src/providers/types.js';

const task = (provider: string, name: string, categories: string[] = []): TaskDefinition => ({
  provider,
  id: `${provider}-${name}`,
  name,
  slug: name.toLowerCase(),
  description: '',
  categories,
  inputs: [],
});

const AGENTS = [
  { id: 'jasper', name: 'Jasper' },
  { id: 'jarvis', name: 'Jarvis' },
  { id: 'browser', name: 'Browser agent' },
];

describe('Home: tasks grouped by agent', () => {
  it('groups by agent in configured order, then by category; a category naming the agent adds nothing', () => {
    const tasks = [task('browser', 'Browse', ['Browser agent']), task('jarvis', 'Hermes', ['Jarvis']), task('jasper', 'Tweet', ['Social']), task('jasper', 'Blog Post'), task('jasper', 'Ad', ['Ads'])];
    const groups = [...new Set(orderTasks(tasks, [], '', AGENTS).map((e) => e.group))];
    expect(groups).toEqual(['Jasper · Ads', 'Jasper · Social', 'Jasper', 'Jarvis', 'Browser agent']);
  });

  it('keeps favourites first across agents, and plain categories when one agent is on', () => {
    const tasks = [task('jarvis', 'Hermes', ['Jarvis']), task('jasper', 'Tweet', ['Social'])];
    expect(orderTasks(tasks, ['jarvis:jarvis-Hermes'], '', AGENTS).map((e) => [e.task.name, e.group])).toEqual([
      ['Hermes', '★ Favourites'],
      ['Tweet', 'Jasper · Social'],
    ]);
    expect(orderTasks([task('jasper', 'Tweet', ['Social'])], [], '', AGENTS.slice(0, 1)).map((e) => e.group)).toEqual(['Social']);
  });
});
