import { ProviderError } from '../errors.js';
import { firstSentence, sanitize, type ErrorContext } from '../http/http-error.js';
import type { RunEvent, StepStatus } from '../types.js';
import { statusRank, stepStatusRank, subjobStepStatus } from './job-status.js';
import type { Job, JobStatus, Subjob } from './jobs-schemas.js';
import { resultSummary } from './result-summary.js';

/** What has been reported of a job so far. */
export interface FollowState {
  /** The job's status last reported; undefined before the first. */
  status?: JobStatus;
  /** Each subjob's step status last reported. */
  subjobs: ReadonlyMap<string, StepStatus>;
}

export interface AnswerEvents {
  events: RunEvent[];
  state: FollowState;
  /** Completed, failed or cancelled: following stops. */
  terminal: boolean;
}

/** Names an agent by its id: the configured label, else the id itself. */
export type AgentName = (agentId: string | undefined) => string;

const SHOWN_OBJECTIVE = 80;

/**
 * What one answer of `GET /v1/jobs/{id}` adds to a run, given what was reported before: subjobs that appeared or
 * moved on, then the job's own change (the open step closes, the new one opens; at the end the result as data, a
 * short summary as text and `done` with the tokens used, or the failure). A status ranked at or below the one
 * reported adds nothing, for the job and for each subjob: nothing ever goes backwards.
 */
export function answerEvents(state: FollowState, job: Job, name: AgentName, context: ErrorContext): AnswerEvents {
  const events: RunEvent[] = [];
  const subjobs = new Map(state.subjobs);
  for (const subjob of job.subjobs ?? []) {
    const status = subjobStepStatus(subjob.status);
    const before = subjobs.get(subjob.id);
    if (before !== undefined && stepStatusRank(status) <= stepStatusRank(before)) continue;
    subjobs.set(subjob.id, status);
    events.push({ type: 'subjob', id: subjob.id, parentId: subjob.parent_id ?? job.id, status, label: subjobLabel(subjob, name) });
  }
  const previous = state.status;
  if (previous !== undefined && statusRank(job.status) <= statusRank(previous)) return { events, state: { status: previous, subjobs }, terminal: false };

  const next = { status: job.status, subjobs };
  const label = name(job.agent_id);
  const open = previous === 'queued' || previous === 'running' ? previous : undefined;
  const close = (status: StepStatus) => {
    if (open) events.push(step(open, label, status));
  };
  switch (job.status) {
    case 'queued':
    case 'running':
      close('completed');
      events.push(step(job.status, label, 'running'));
      return { events, state: next, terminal: false };
    case 'completed':
      close('completed');
      if (job.result) events.push({ type: 'structured', data: job.result });
      events.push({ type: 'text', delta: resultSummary(label, job.result ?? undefined) });
      events.push({ type: 'done', ...(typeof job.tokens_used === 'number' ? { usage: { tokens: job.tokens_used } } : {}) });
      return { events, state: next, terminal: true };
    case 'failed':
      close('failed');
      events.push({ type: 'error', error: failedJobError(job, label, context), partial: false });
      return { events, state: next, terminal: true };
    case 'cancelled':
      close('failed');
      events.push({ type: 'error', error: new ProviderError('cancelled', `The job given to ${label} was cancelled in the jobs service.`), partial: false });
      return { events, state: next, terminal: true };
  }
}

function step(stage: 'queued' | 'running', label: string, status: StepStatus): RunEvent {
  const text =
    stage === 'queued'
      ? status === 'running'
        ? 'Waiting in the jobs queue'
        : 'Left the queue'
      : status === 'running'
        ? `${label} is working`
        : status === 'completed'
          ? `${label} finished`
          : `${label} stopped`;
  return { type: 'step', id: stage, status, label: text };
}

function subjobLabel(subjob: Subjob, name: AgentName): string {
  const objective = subjob.brief?.objective?.trim().replace(/\s+/g, ' ');
  const who = name(subjob.agent_id);
  if (!objective) return `Subjob for ${who}`;
  return `${who}: ${objective.length > SHOWN_OBJECTIVE ? `${objective.slice(0, SHOWN_OBJECTIVE - 1)}…` : objective}`;
}

function failedJobError(job: Job, label: string, context: ErrorContext): ProviderError {
  const said = typeof job.error === 'string' ? job.error : job.error?.message;
  const reason = said?.trim() ? firstSentence(sanitize(said, context.secrets)) : undefined;
  // `detail` is what the thread shows as the agent's own words.
  return new ProviderError('upstream', `${label} could not finish the job: ${reason ?? 'it gave no reason'}.`, reason ? { detail: reason } : {});
}
