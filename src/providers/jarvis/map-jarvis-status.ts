import { ProviderError } from '../errors.js';
import { firstSentence, sanitize, type ErrorContext } from '../http/http-error.js';
import type { RunEvent } from '../types.js';
import type { JarvisStatus, JarvisStatusResponse } from './jarvis-schemas.js';
import { agentName } from './jarvis-tasks.js';

/** The statuses a task waits in; each shows as one step, opened when Jarvis reports it and closed when it moves on. */
type Stage = Extract<JarvisStatus, 'queued' | 'running'>;

function label(stage: Stage, agent: string, status: 'running' | 'completed' | 'failed'): string {
  if (stage === 'queued') return status === 'running' ? 'Waiting in the Jarvis queue' : 'Left the queue';
  const name = agentName(agent);
  if (status === 'running') return `${name} is working`;
  return status === 'completed' ? `${name} finished` : `${name} failed`;
}

function step(stage: Stage, agent: string, status: 'running' | 'completed' | 'failed'): RunEvent {
  return { type: 'step', id: stage, status, label: label(stage, agent, status) };
}

export interface StatusEvents {
  events: RunEvent[];
  /** `completed` or `failed`: polling stops. */
  terminal: boolean;
}

/**
 * What one status answer adds to a run, given the status seen before it (undefined before the first): nothing when
 * it did not change; otherwise the open step closes (failed when the task failed), the new one opens, and a finished
 * task yields its result as text then `done`, or its error.
 */
export function statusEvents(previous: JarvisStatus | undefined, answer: JarvisStatusResponse, agent: string, context: ErrorContext): StatusEvents {
  const next = answer.status;
  if (next === previous) return { events: [], terminal: false };
  const open: Stage | undefined = previous === 'queued' || previous === 'running' ? previous : undefined;
  const events: RunEvent[] = [];
  if (next === 'queued' || next === 'running') {
    if (open) events.push(step(open, agent, 'completed'));
    events.push(step(next, agent, 'running'));
    return { events, terminal: false };
  }
  if (next === 'completed') {
    if (open) events.push(step(open, agent, 'completed'));
    if (answer.result) events.push({ type: 'text', delta: answer.result });
    events.push({ type: 'done' });
    return { events, terminal: true };
  }
  if (open) events.push(step(open, agent, 'failed'));
  events.push({ type: 'error', error: failedTaskError(answer, agent, context), partial: false });
  return { events, terminal: true };
}

function failedTaskError(answer: JarvisStatusResponse, agent: string, context: ErrorContext): ProviderError {
  const reason = answer.error?.trim() ? firstSentence(sanitize(answer.error, context.secrets)) : undefined;
  // `detail` is what the thread shows as the agent's own words.
  return new ProviderError('upstream', `${agentName(agent)} could not finish the task: ${reason ?? 'it gave no reason'}.`, reason ? { detail: reason } : {});
}
