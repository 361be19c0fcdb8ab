import type { KnownBlock } from '@slack/types';
import { MESSAGE_BLOCKS, SECTION_TEXT, truncate } from '../../forms/limits.js';
import type { TaskDefinition } from '../../providers/types.js';

export const OPEN_TASK_ACTION = 'task.open';

export interface Reply {
  text: string;
  blocks?: KnownBlock[];
}

export function helpReply(command: string): Reply {
  const text = [
    `*${command} run <task> [name=value …]*: open a form for a task, e.g. \`${command} run blog-post topic="AI for dentists" blog-length=medium\`. Values with spaces go in quotes.`,
    `*${command} chat [task]*: I ask for the task's inputs one at a time in a thread (or mention me, or DM me).`,
    `*${command} list [search]*: the tasks you can run, with a Run button each.`,
    `*${command} defaults*: this channel's brand defaults (tone, audience, style guide, language). Yours are in my Home tab.`,
    `*${command} help*: this message.`,
    'After a run, reply in its thread to change the output ("make the intro shorter"): each reply continues the same session.',
  ].join('\n');
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export function unknownVerbReply(command: string, verb: string): Reply {
  return { text: `I don't know \`${truncate(verb, 40)}\`. Try \`${command} run <task>\`, \`${command} chat <task>\`, \`${command} list\` or \`${command} help\`.` };
}

export function taskListReply(tasks: readonly TaskDefinition[], search: string, command: string): Reply {
  if (tasks.length === 0) {
    return { text: search ? `No task matches "${truncate(search, 80)}". Try \`${command} list\` to see them all.` : 'There are no tasks in this workspace yet.' };
  }
  // Two blocks per task plus a header and a footer must stay within a message's 50 blocks.
  const shown = tasks.slice(0, Math.floor((MESSAGE_BLOCKS - 2) / 2));
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: search ? `Tasks matching *${truncate(search, 80)}*:` : 'Tasks you can run:' } },
  ];
  for (const task of shown) blocks.push(...taskRow(task));
  if (shown.length < tasks.length) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Showing ${shown.length} of ${tasks.length}. Narrow it down with \`${command} list <search>\`.` }],
    });
  }
  return { text: `${tasks.length} task${tasks.length === 1 ? '' : 's'}`, blocks };
}

export function unknownTaskReply(typed: string, suggestions: readonly TaskDefinition[], command: string): Reply {
  const intro = `I couldn't find a task called \`${truncate(typed, 80)}\`.`;
  if (suggestions.length === 0) return { text: `${intro} See \`${command} list\` for the tasks you can run.` };
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: `${intro} Did you mean one of these?` } }];
  for (const task of suggestions) blocks.push(...taskRow(task));
  return { text: `${intro} Closest: ${suggestions.map((t) => t.slug).join(', ')}`, blocks };
}

function taskRow(task: TaskDefinition): KnownBlock[] {
  const description = task.description ? `\n${truncate(task.description.replace(/\s+/g, ' '), 200)}` : '';
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`*${task.name}*  \`${task.slug}\`${description}`, SECTION_TEXT) },
      accessory: {
        type: 'button',
        action_id: OPEN_TASK_ACTION,
        text: { type: 'plain_text', text: 'Run' },
        value: `${task.provider}:${task.id}`,
      },
    },
    { type: 'divider' },
  ];
}
