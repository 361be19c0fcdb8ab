import type { TaskDefinition } from '../providers/types.js';

/** The tasks whose name is nearest to what the user typed, best first (prefix, then substring, then edit distance). */
export function closestTasks(tasks: readonly TaskDefinition[], typed: string, limit = 5): TaskDefinition[] {
  const wanted = normalise(typed);
  if (!wanted) return tasks.slice(0, limit);
  const scored = tasks.map((task) => ({ task, score: score(normalise(task.slug), normalise(task.name), wanted) }));
  return scored
    .filter((entry) => entry.score < Number.POSITIVE_INFINITY)
    .sort((a, b) => a.score - b.score || a.task.name.localeCompare(b.task.name))
    .slice(0, limit)
    .map((entry) => entry.task);
}

function score(slug: string, name: string, wanted: string): number {
  if (slug.startsWith(wanted) || name.startsWith(wanted)) return 0;
  if (slug.includes(wanted) || name.includes(wanted)) return 1;
  const distance = editDistance(slug, wanted);
  // Only suggest names that are plausibly a typo of what was typed.
  return distance <= Math.max(2, Math.floor(wanted.length / 3)) ? 2 + distance : Number.POSITIVE_INFINITY;
}

const normalise = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The task a sentence names, e.g. "a medium blog post about AI for dentists" -> Blog Post: the task whose whole name
 * appears in the text as words (the longest such name wins), or undefined.
 */
export function taskNamedIn(tasks: readonly TaskDefinition[], text: string): TaskDefinition | undefined {
  const words = ` ${wordsOf(text)} `;
  let best: TaskDefinition | undefined;
  for (const task of tasks) {
    const name = wordsOf(task.name);
    if (name && words.includes(` ${name} `) && name.length > (best ? wordsOf(best.name).length : 0)) best = task;
  }
  return best;
}

const wordsOf = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
