/**
 * What Jarvis sends, parsed with zod, and the shapes of what we send (jarvis-agent-api.txt). Only what the bot uses
 * is required; unknown fields pass through.
 */
import { z } from 'zod';

export const JARVIS_AGENTS = ['paperclip', 'hermes'] as const;
export type JarvisAgent = (typeof JARVIS_AGENTS)[number];

export const JARVIS_PRIORITIES = ['low', 'normal', 'high'] as const;
export type JarvisPriority = (typeof JARVIS_PRIORITIES)[number];

export const JARVIS_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type JarvisStatus = (typeof JARVIS_STATUSES)[number];

/** `POST /agents/invoke` body. */
export interface JarvisInvokeBody {
  agent: JarvisAgent;
  task: string;
  context?: Record<string, string>;
  priority?: JarvisPriority;
}

export const jarvisInvokeResponseSchema = z.looseObject({
  task_id: z.string().min(1),
  agent: z.string().optional(),
  status: z.string().optional(),
  created_at: z.string().optional(),
});
export type JarvisInvokeResponse = z.infer<typeof jarvisInvokeResponseSchema>;

/** `GET /agents/status/{id}`. A status outside the four documented ones is refused as an unreadable answer. */
export const jarvisStatusResponseSchema = z.looseObject({
  task_id: z.string(),
  agent: z.string().optional(),
  status: z.enum(JARVIS_STATUSES),
  result: z.string().nullish(),
  error: z.string().nullish(),
  started_at: z.string().nullish(),
  completed_at: z.string().nullish(),
});
export type JarvisStatusResponse = z.infer<typeof jarvisStatusResponseSchema>;

export const jarvisHistoryTaskSchema = z.looseObject({
  task_id: z.string(),
  agent: z.string(),
  task: z.string(),
  status: z.enum(JARVIS_STATUSES),
  created_at: z.string(),
});

/** `GET /agents/history`. */
export const jarvisHistoryResponseSchema = z.looseObject({
  tasks: z.array(jarvisHistoryTaskSchema),
  total: z.number().int().nonnegative(),
});
export type JarvisHistoryResponse = z.infer<typeof jarvisHistoryResponseSchema>;

export interface JarvisHistoryQuery {
  agent?: JarvisAgent;
  status?: JarvisStatus;
  /** 1 to 100 (Jarvis's maximum). */
  limit: number;
  offset: number;
}
