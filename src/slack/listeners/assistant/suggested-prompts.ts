import type { BotDeps } from '../../bot-deps.js';

/** Slack shows at most four suggested prompts. */
const MAX_PROMPTS = 4;

/** One prompt per task, the most run first, then catalogue order; each starts filling that task. */
export async function suggestedPrompts(deps: BotDeps): Promise<Array<{ title: string; message: string }>> {
  const [tasks, counts] = await Promise.all([deps.catalogue.tasks(), deps.usage.counts()]);
  const runs = (id: string) => counts[`${deps.catalogue.provider.id}:${id}`] ?? 0;
  return [...tasks]
    .map((task, index) => ({ task, index }))
    .sort((a, b) => runs(b.task.id) - runs(a.task.id) || a.index - b.index)
    .slice(0, MAX_PROMPTS)
    .map(({ task }) => ({ title: task.name.slice(0, 75), message: `run ${task.slug}` }));
}
