import { describe, expect, it } from 'vitest';
import { closestTasks, taskNamedIn } from '../../src/catalogue/closest-tasks.js';
import type { TaskDefinition } from '../../src/providers/types.js';

const task = (name: string, slug: string): TaskDefinition => ({ provider: 'jasper', id: slug, name, slug, description: '', categories: [], inputs: [] });
const tasks = [task('Blog Post', 'blog-post'), task('Social Campaign', 'social-campaign'), task('Competitive Research', 'competitive-research'), task('Résumé', 'resume')];

describe('closestTasks', () => {
  it('suggests by prefix, substring and typo, best first', () => {
    expect(closestTasks(tasks, 'blog').map((t) => t.slug)).toEqual(['blog-post']);
    expect(closestTasks(tasks, 'research').map((t) => t.slug)).toEqual(['competitive-research']);
    expect(closestTasks(tasks, 'blgo-post').map((t) => t.slug)).toEqual(['blog-post']);
    expect(closestTasks(tasks, 'resume').map((t) => t.slug)).toEqual(['resume']);
  });

  it('suggests nothing for text unlike any task', () => {
    expect(closestTasks(tasks, 'quantum-physics-lecture')).toEqual([]);
  });
});

describe('taskNamedIn', () => {
  it('finds the task a sentence names, preferring the longest name', () => {
    const all = [...tasks, task('Post', 'post')];
    expect(taskNamedIn(all, 'a medium blog post about AI for dentists')?.slug).toBe('blog-post');
    expect(taskNamedIn(all, 'Write a SOCIAL campaign for Q3!')?.slug).toBe('social-campaign');
    expect(taskNamedIn(all, 'a résumé please')?.slug).toBe('resume');
    expect(taskNamedIn(all, 'blogging about posts')).toBeUndefined();
  });
});
