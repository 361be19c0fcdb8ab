import type { KnownBlock } from '@slack/types';
import { MESSAGE_BLOCKS, SECTION_TEXT, truncate } from '../../forms/limits.js';
import type { TaskDefinition } from '../../providers/types.js';
import { escapeMrkdwn } from '../../forms/untrusted.js';

export const OPEN_TASK_ACTION = 'task.open';

export interface Reply {
  text: string;
  blocks?: KnownBlock[];
}

/** How a listed task is named: the address that finds it (`jarvis:paperclip`, or its bare slug when unique) and whose it is. */
export interface TaskLabels {
  address(task: TaskDefinition): string;
  provider(task: TaskDefinition): string;
}

export function helpReply(command: string, has: { history?: boolean } = {}): Reply {
  const start = [
    `*${command} run <task>*  open a task's form. Add values to fill it in: \`${command} run blog-post topic="AI for dentists"\``,
    `*${command} chat [task]*  I ask for the inputs one at a time in a thread (or mention me, or DM me)`,
    `*${command} list [search]*  the tasks you can run`,
  ];
  const more = [
    `*${command} defaults*  this channel's brand defaults (yours are in my Home tab)`,
    `*${command} usage*  the workspace's usage this month`,
    ...(has.history ? [`*${command} history [task] [status]*  recent runs, e.g. \`${command} history paperclip failed\``] : []),
  ];
  const tips = [
    'After a run, reply in its thread to change the output (_make the intro shorter_): each reply continues the same session.',
    `Two agents with a task of the same name? Name it with its agent: \`${command} run jarvis:paperclip\`.`,
  ];
  const text = [...start, ...more, `*${command} help*  this message`, ...tips].join('\n');
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: start.join('\n') } },
      { type: 'section', text: { type: 'mrkdwn', text: more.join('\n') } },
      { type: 'context', elements: tips.map((tip) => ({ type: 'mrkdwn' as const, text: tip })) },
    ],
  };
}

export function unknownVerbReply(command: string, verb: string): Reply {
  return { text: `I don't know \`${truncate(verb, 40)}\`. Try \`${command} run <task>\`, \`${command} chat <task>\`, \`${command} list\`, \`${command} usage\` or \`${command} help\`.` };
}

export function taskListReply(tasks: readonly TaskDefinition[], search: string, command: string, labels: TaskLabels): Reply {
  if (tasks.length === 0) {
    return { text: search ? `No task matches "${escapeMrkdwn(truncate(search, 80))}". Try \`${command} list\` to see them all.` : 'There are no tasks in this workspace yet.' };
  }
  // Two blocks per task plus a header and a footer must stay within a message's 50 blocks.
  const shown = tasks.slice(0, Math.floor((MESSAGE_BLOCKS - 2) / 2));
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: search ? `Tasks matching *${escapeMrkdwn(truncate(search, 80))}*:` : 'Tasks you can run:' } },
  ];
  for (const task of shown) blocks.push(...taskRow(task, labels));
  if (shown.length < tasks.length) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Showing ${shown.length} of ${tasks.length}. Narrow it down with \`${command} list <search>\`.` }],
    });
  }
  return { text: `${tasks.length} task${tasks.length === 1 ? '' : 's'}`, blocks };
}

export function unknownTaskReply(typed: string, suggestions: readonly TaskDefinition[], command: string, labels: TaskLabels): Reply {
  const intro = `I couldn't find a task called \`${escapeMrkdwn(truncate(typed, 80))}\`.`;
  if (suggestions.length === 0) return { text: `${intro} See \`${command} list\` for the tasks you can run.` };
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: `${intro} Did you mean one of these?` } }];
  for (const task of suggestions) blocks.push(...taskRow(task, labels));
  return { text: `${intro} Closest: ${escapeMrkdwn(suggestions.map((t) => labels.address(t)).join(', '))}`, blocks };
}

/** A bare slug that several agents' tasks have: each is named by its full address, to be run with it. */
export function ambiguousTaskReply(typed: string, candidates: readonly TaskDefinition[], command: string, labels: TaskLabels): Reply {
  const slug = escapeMrkdwn(truncate(typed, 80));
  const addresses = candidates.map((t) => `\`${escapeMrkdwn(labels.address(t))}\``);
  const intro = `Several agents have a task called \`${slug}\`: say which with its full address, as in \`${command} run &lt;agent&gt;:${slug}\`.`;
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: intro } }];
  for (const task of candidates) blocks.push(...taskRow(task, labels));
  return { text: `Several agents have a task called \`${slug}\`: ${addresses.join(', ')}.`, blocks: blocks.slice(0, MESSAGE_BLOCKS) };
}

function taskRow(task: TaskDefinition, labels: TaskLabels): KnownBlock[] {
  const description = task.description ? `\n${escapeMrkdwn(truncate(task.description.replace(/\s+/g, ' '), 200))}` : '';
  const head = `*${escapeMrkdwn(task.name)}*  \`${escapeMrkdwn(labels.address(task))}\`  ·  _${escapeMrkdwn(labels.provider(task))}_`;
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`${head}${description}`, SECTION_TEXT) },
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
