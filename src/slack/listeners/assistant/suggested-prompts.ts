import { addressIn } from '../../../catalogue/combined-catalogue.js';
import type { SlackServices } from '../../services/slack-services.js';

/** Slack shows at most four suggested prompts. */
const MAX_PROMPTS = 4;

/**
 * One prompt per task of any agent, the most run first, then catalogue order; each starts filling that task, named
 * by the address that finds it (`run jarvis:paperclip` where another agent has a Paperclip too).
 */
export async function suggestedPrompts(services: Pick<SlackServices, 'catalogue' | 'usage'>): Promise<Array<{ title: string; message: string }>> {
  const [tasks, counts] = await Promise.all([services.catalogue.tasks(), services.usage.counts()]);
  const runs = (task: { provider: string; id: string }) => counts[`${task.provider}:${task.id}`] ?? 0;
  return [...tasks]
    .map((task, index) => ({ task, index }))
    .sort((a, b) => runs(b.task) - runs(a.task) || a.index - b.index)
    .slice(0, MAX_PROMPTS)
    .map(({ task }) => ({ title: task.name.slice(0, 75), message: `run ${addressIn(tasks, task)}` }));
}
