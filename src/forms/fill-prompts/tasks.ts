import type { KnownBlock } from '@slack/types';
import type { TaskDefinition } from '../../providers/types.js';
import { FILL_ACTION } from '../fill-actions.js';
import { BUTTON_VALUE } from '../limits.js';
import { button, context, type FillMessage, mrkdwnWithin, oneLine, section } from './blocks.js';

/** At most this many tasks are offered. */
export const TASK_CHOICES_MAX = 5;
const DESCRIPTION_MAX = 200;

const howToAsk = (command: string) =>
  'Name a task: `@Jasper run blog-post`, add inputs with `@Jasper run blog-post topic="AI for dentists"`, ' +
  `or say what you need: \`@Jasper a blog post about our Q3 launch\`. \`${command} list\` shows every task.`;

/** How tasks are named to the person: the slash command for hints, and each task's address (its slug by default). */
export interface TaskNaming {
  command: string;
  address: (task: TaskDefinition) => string;
}

const DEFAULT_NAMING: TaskNaming = { command: '/jasper', address: (task) => task.slug };

/** When nothing matches at all: how to ask. */
export function renderNoTask(naming: Pick<TaskNaming, 'command'> = DEFAULT_NAMING): FillMessage {
  const intro = "I couldn't tell which task you want.";
  const how = howToAsk(naming.command);
  return { placement: 'post', text: `${intro} ${how}`, blocks: [section(`${intro}\n${how}`)] };
}

/** The value of a task's Choose button: `provider:id`, which the action listener looks up in the catalogue. */
export const taskChoiceValue = (task: TaskDefinition) => `${task.provider}:${task.id}`;

/**
 * The closest tasks to what the user typed, each with a Choose button (`FILL_ACTION.chooseTask`, value
 * `provider:id`), at most five. Each button is the accessory of its task's own section, so the action id is the same
 * for all of them without two sharing a block. With no tasks, how to ask.
 */
export function renderTaskChoices(tasks: readonly TaskDefinition[], typed: string, naming: TaskNaming = DEFAULT_NAMING): FillMessage {
  const offered = tasks.filter((t) => taskChoiceValue(t).length <= BUTTON_VALUE).slice(0, TASK_CHOICES_MAX);
  if (offered.length === 0) return renderNoTask(naming);
  const said = oneLine(typed);
  const intro = said
    ? `I couldn't tell which task "${mrkdwnWithin(said, 100)}" means. Did you mean one of these?`
    : 'Which task should I run?';
  const blocks: KnownBlock[] = [section(intro)];
  for (const task of offered) {
    const description = oneLine(task.description);
    const about = description ? `\n${mrkdwnWithin(description, DESCRIPTION_MAX)}` : '';
    blocks.push({
      ...section(`*${mrkdwnWithin(task.name.trim() || task.slug, 150)}*  \`${mrkdwnWithin(naming.address(task), 100)}\`${about}`),
      accessory: button('Choose', FILL_ACTION.chooseTask, taskChoiceValue(task)),
    });
  }
  blocks.push(...context([`Or name another task: \`@Jasper run &lt;task&gt;\`. \`${naming.command} list\` shows every task.`]));
  const names = offered.map((t) => t.name).join(', ');
  return { placement: 'post', text: `${intro} ${mrkdwnWithin(names, 1000)}`, blocks };
}
