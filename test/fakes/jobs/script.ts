/** How a fake job moves: a list of stages, applied on reads, on a timer or when a test says so. */
export type FakeJobStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface JobStage {
  /** The job's own new status. */
  status?: FakeJobStatus;
  /** A subjob (by a key of the script's own) appearing or changing status; `parent` is the key of the subjob that dispatched it. */
  subjob?: { key: string; status: FakeJobStatus; objective?: string; agent_id?: string; parent?: string };
}

export interface JobScript {
  /** Default: running, a subjob runs then completes, completed. */
  stages?: JobStage[];
  /** `read`: a stage at each read, before it answers (default); `manual`: only `advance`; a number: a stage every that many ms. */
  advance?: 'read' | 'manual' | number;
  /** The result of a completed job (null: none); default names the agent and echoes the objective. */
  result?: Record<string, unknown> | null;
  /** The reason of a failed job. */
  error?: string;
  tokensUsed?: number;
}

export const DEFAULT_STAGES: JobStage[] = [
  { status: 'running' },
  { subjob: { key: 'sources', status: 'running', objective: 'Gather sources', agent_id: 'agt_helper' } },
  { subjob: { key: 'sources', status: 'completed' } },
  { status: 'completed' },
];

export const DEFAULT_TOKENS_USED = 5420;

export function defaultJobResult(agentId: string, objective: string): Record<string, unknown> {
  return { summary: `${agentId} did: ${objective}`, sources: ['https://example.com/a', 'https://example.com/b'] };
}
