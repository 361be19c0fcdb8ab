import type { StepStatus } from '../types.js';
import type { JobStatus } from './jobs-schemas.js';

/**
 * How far along a status is. Answers and callbacks may arrive late or out of order; a status ranked below one already
 * reported is stale and is never reported.
 */
export function statusRank(status: JobStatus): number {
  if (status === 'queued') return 0;
  if (status === 'running') return 1;
  return 2;
}

export function isTerminal(status: JobStatus): boolean {
  return statusRank(status) === 2;
}

/** A subjob's status as a step shows it: waiting or working is running; cancelled did not complete, so it failed. */
export function subjobStepStatus(status: JobStatus): StepStatus {
  if (status === 'completed') return 'completed';
  if (status === 'failed' || status === 'cancelled') return 'failed';
  return 'running';
}

export function stepStatusRank(status: StepStatus): number {
  return status === 'running' ? 0 : 1;
}
