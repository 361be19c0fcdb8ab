import { ProviderError } from '../errors.js';
import { firstSentence, sanitize, type ErrorContext } from '../http/http-error.js';
import type { RunEvent, StepStatus } from '../types.js';
import type { BrowserAgentStatus, TaskRecord } from './browser-agent-schemas.js';

/** The statuses a task waits in; each shows as one step, opened when the agent reports it and closed when it moves on. */
type Stage = Extract<BrowserAgentStatus, 'pending' | 'running'>;

const LABELS: Record<Stage, Record<StepStatus, string>> = {
  pending: { running: 'Waiting for a browser', completed: 'Got a browser', failed: 'Never got a browser' },
  running: { running: 'Browsing', completed: 'Finished browsing', failed: 'Browsing failed' },
};

function step(stage: Stage, status: StepStatus): RunEvent {
  return { type: 'step', id: stage, status, label: LABELS[stage][status] };
}

export interface StatusEvents {
  events: RunEvent[];
  /** `completed`, `failed` or `cancelled`: polling stops. */
  terminal: boolean;
}

/**
 * What one task record adds to a run, given the status seen before it (undefined before the first): nothing when the
 * status did not change; otherwise the open step closes (failed when the task did not complete) and the new one
 * opens. A completed task yields its text result, its `structured_content` as data, its `html_dump` as a file, then
 * `done`; a failed or cancelled one its error.
 */
export function statusEvents(previous: BrowserAgentStatus | undefined, record: TaskRecord, taskId: string, context: ErrorContext): StatusEvents {
  const next = record.status;
  if (next === previous) return { events: [], terminal: false };
  const open: Stage | undefined = previous === 'pending' || previous === 'running' ? previous : undefined;
  const events: RunEvent[] = [];
  if (next === 'pending' || next === 'running') {
    if (open) events.push(step(open, 'completed'));
    events.push(step(next, 'running'));
    return { events, terminal: false };
  }
  if (next === 'completed') {
    if (open) events.push(step(open, 'completed'));
    events.push(...outputEvents(record, taskId), { type: 'done' });
    return { events, terminal: true };
  }
  if (open) events.push(step(open, 'failed'));
  events.push({ type: 'error', error: endedError(record, context), partial: false });
  return { events, terminal: true };
}

function outputEvents(record: TaskRecord, taskId: string): RunEvent[] {
  const events: RunEvent[] = [];
  const { result } = record;
  if (typeof result === 'string' && result !== '') events.push({ type: 'text', delta: result });
  // `structured_content` is the schema's object; a result that is itself an object is data too.
  const data = record.structured_content ?? (typeof result === 'object' ? result : undefined);
  if (data !== undefined && data !== null) events.push({ type: 'structured', data });
  if (record.html_dump) events.push({ type: 'file', name: `browser-agent-${fileSafe(taskId)}.html`, contentType: 'text/html', content: record.html_dump });
  return events;
}

function fileSafe(id: string): string {
  return id.replace(/[^\w.-]+/g, '_').slice(0, 64) || 'page';
}

function endedError(record: TaskRecord, context: ErrorContext): ProviderError {
  if (record.status === 'cancelled') return new ProviderError('upstream', 'The browser agent cancelled the task on its side before it finished.');
  const reason = record.error?.trim() ? firstSentence(sanitize(record.error, context.secrets)) : undefined;
  // `detail` is what the thread shows as the agent's own words.
  return new ProviderError('upstream', `The browser agent could not finish the task: ${reason ?? 'it gave no reason'}.`, reason ? { detail: reason } : {});
}
