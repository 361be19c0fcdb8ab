/** Jarvis lists no tasks: each of its agents is offered as one task with the invoke's own fields as inputs. */
import type { InputField, TaskDefinition } from '../types.js';
import { JARVIS_AGENTS, JARVIS_PRIORITIES, type JarvisAgent } from './jarvis-schemas.js';

export const JARVIS_PROVIDER_ID = 'jarvis';

/** Input ids are the invoke body's field names. */
export const TASK_INPUT = 'task';
export const CONTEXT_INPUT = 'context';
export const PRIORITY_INPUT = 'priority';
export const DEFAULT_PRIORITY = 'normal';

const AGENT_NAMES: Record<JarvisAgent, string> = { paperclip: 'Paperclip', hermes: 'Hermes' };

const INPUTS: InputField[] = [
  { id: TASK_INPUT, name: 'Task', slug: 'task', kind: 'long_text', question: 'What should the agent do?', required: true, upstreamType: 'task' },
  {
    id: CONTEXT_INPUT,
    name: 'Context',
    slug: 'context',
    // Sent as the `context` object: parsed from these lines when the run is built (see parse-context-lines.ts).
    kind: 'key_value',
    question: 'Anything the agent should know? One `key: value` (or `key=value`) a line.',
    hint: 'For example `repo: acme/web` on one line and `branch=main` on the next.',
    required: false,
    upstreamType: 'context',
  },
  {
    id: PRIORITY_INPUT,
    name: 'Priority',
    slug: 'priority',
    kind: 'select',
    question: 'How urgent is it?',
    hint: `Default: ${DEFAULT_PRIORITY}.`,
    required: false,
    options: [...JARVIS_PRIORITIES],
    upstreamType: 'priority',
  },
];

export function jarvisTask(agent: JarvisAgent): TaskDefinition {
  const name = AGENT_NAMES[agent];
  return {
    provider: JARVIS_PROVIDER_ID,
    id: agent,
    name,
    slug: agent,
    description: `Send a task to the Jarvis agent ${name}; Jarvis queues it, and the result comes back when ${name} has finished.`,
    categories: ['Jarvis'],
    inputs: INPUTS.map((input) => ({ ...input, ...(input.options ? { options: [...input.options] } : {}) })),
  };
}

export function isJarvisAgent(id: string): id is JarvisAgent {
  return (JARVIS_AGENTS as readonly string[]).includes(id);
}

export function agentName(agent: string): string {
  return isJarvisAgent(agent) ? AGENT_NAMES[agent] : agent;
}
