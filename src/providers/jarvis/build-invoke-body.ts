import { ProviderError } from '../errors.js';
import type { InputValue, RunRequest } from '../types.js';
import { parseContextLines } from './parse-context-lines.js';
import { JARVIS_PRIORITIES, type JarvisInvokeBody, type JarvisPriority } from './jarvis-schemas.js';
import { CONTEXT_INPUT, DEFAULT_PRIORITY, PRIORITY_INPUT, TASK_INPUT, isJarvisAgent } from './jarvis-tasks.js';

/** Context keys a follow-up adds; they win over keys of the same name the user typed. */
export const FOLLOW_UP_KEYS = {
  previousTask: 'previous_task',
  previousResult: 'previous_result',
  /** The structured data the turn returned, as JSON text (context values are strings). */
  previousData: 'previous_data',
  originalTask: 'original_task',
} as const;

/**
 * The invoke body for a run. A follow-up invokes the same agent with the new instruction as the task and the turn
 * it follows in `context` (Jarvis keeps no sessions). Throws a `bad_request` ProviderError, with a sentence for the
 * user, for inputs Jarvis would refuse or that cannot be sent.
 */
export function buildInvokeBody(request: RunRequest): JarvisInvokeBody {
  const agent = request.task.id;
  if (!isJarvisAgent(agent)) throw new ProviderError('not_found', `Jarvis has no agent "${agent.slice(0, 40)}"; its agents are Paperclip and Hermes.`);
  const task = textOf(request.values[TASK_INPUT]).trim();
  if (task === '') throw new ProviderError('bad_request', 'The Task is empty: say what the agent should do.');
  const priority = priorityOf(request.values[PRIORITY_INPUT]);
  const context: Record<string, string> = { ...parseContextLines(textOf(request.values[CONTEXT_INPUT])) };
  for (const extra of request.extra ?? []) if (extra.answer.trim() !== '') context[extra.name] = extra.answer;

  const continuation = request.continuation;
  if (!continuation) return withContext({ agent, task, priority }, context);
  const last = continuation.history.at(-1);
  if (last) {
    context[FOLLOW_UP_KEYS.previousTask] = last.instruction ?? task;
    context[FOLLOW_UP_KEYS.previousResult] = last.output;
    if (last.structured !== undefined) context[FOLLOW_UP_KEYS.previousData] = JSON.stringify(last.structured);
    if (last.instruction !== undefined) context[FOLLOW_UP_KEYS.originalTask] = task;
  }
  return withContext({ agent, task: continuation.instruction, priority }, context);
}

function withContext(body: JarvisInvokeBody, context: Record<string, string>): JarvisInvokeBody {
  return Object.keys(context).length > 0 ? { ...body, context } : body;
}

function textOf(value: InputValue | undefined): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join('\n') : value;
}

function priorityOf(value: InputValue | undefined): JarvisPriority {
  const text = textOf(value).trim().toLowerCase();
  if (text === '') return DEFAULT_PRIORITY;
  const found = JARVIS_PRIORITIES.find((p) => p === text);
  if (!found) throw new ProviderError('bad_request', `Priority must be low, normal or high (not "${text.slice(0, 20)}").`);
  return found;
}
