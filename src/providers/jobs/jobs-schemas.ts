/**
 * What the jobs API sends, parsed with zod, and the shape of what we send (jobs-api.txt). Only what the bot uses is
 * required; unknown fields pass through. The document leaves the subjob entries and the failure reason unspecified:
 * subjobs are read as job-like objects (id, status, optionally agent, parent and brief) and a reason from `error`.
 */
import { z } from 'zod';

export const JOB_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** The transitions an observer is told about (all the document names). */
export const OBSERVED_EVENTS = ['running', 'completed', 'failed', 'cancelled'] as const;

export interface JobBrief {
  objective: string;
  context?: string;
  output_schema?: Record<string, unknown>;
  constraints?: Record<string, unknown>;
}

export interface WebhookObserver {
  type: 'webhook';
  url: string;
  events: (typeof OBSERVED_EVENTS)[number][];
}

/** `POST /v1/jobs` body. */
export interface CreateJobBody {
  agent_id: string;
  brief: JobBrief;
  observers?: WebhookObserver[];
}

const status = z.enum(JOB_STATUSES);

export const createdJobSchema = z.looseObject({
  id: z.string().min(1),
  agent_id: z.string().optional(),
  status: status.optional(),
  created_at: z.string().optional(),
});
export type CreatedJob = z.infer<typeof createdJobSchema>;

export const subjobSchema = z.looseObject({
  id: z.string().min(1),
  status,
  agent_id: z.string().optional(),
  parent_id: z.string().optional(),
  brief: z.looseObject({ objective: z.string().optional() }).optional(),
});
export type Subjob = z.infer<typeof subjobSchema>;

/** `GET /v1/jobs/{job_id}`. A status outside the five is refused as an unreadable answer. */
export const jobSchema = z.looseObject({
  id: z.string().min(1),
  agent_id: z.string().optional(),
  status,
  result: z.record(z.string(), z.unknown()).nullish(),
  subjobs: z.array(subjobSchema).nullish(),
  tokens_used: z.number().int().nonnegative().nullish(),
  error: z.union([z.string(), z.looseObject({ message: z.string().optional() })]).nullish(),
  created_at: z.string().optional(),
  completed_at: z.string().nullish(),
});
export type Job = z.infer<typeof jobSchema>;
