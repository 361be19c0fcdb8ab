/**
 * What the browser agent sends, parsed with zod, and the shape of what we send (browser-agent-tasks-api.txt). Only
 * what the bot uses is required; unknown fields pass through.
 *
 * The document shows the submit answer but not the task record `GET /v1/tasks/{taskId}` returns: beyond the fields it
 * names there (`structured_content`, `html_dump`), the record is read as the vendor's public SDK types describe it
 * (`status` pending | running | completed | failed | cancelled, `result`, `error`).
 */
import { z } from 'zod';

export const BROWSER_AGENT_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
export type BrowserAgentStatus = (typeof BROWSER_AGENT_STATUSES)[number];

/** The most steps the agent takes; the server clamps `maxSteps` to this. */
export const MAX_STEPS = 25;
/** The longest `endUserId` the API accepts. */
export const MAX_END_USER_ID = 256;

/** `POST /v1/tasks` body. */
export interface BrowserAgentTaskBody {
  endUserId: string;
  task: string;
  sessionId?: string;
  startUrl?: string;
  schema?: Record<string, unknown>;
  maxSteps?: number;
  include_html_dump?: boolean;
}

/** `POST /v1/tasks` answer (201): the status is always `pending`. */
export const submitResponseSchema = z.looseObject({
  taskId: z.string().min(1),
  sessionId: z.string().min(1),
  status: z.string().optional(),
  createdAt: z.unknown().optional(),
});
export type SubmitResponse = z.infer<typeof submitResponseSchema>;

/** `GET /v1/tasks/{taskId}`. A status outside the known ones is refused as an unreadable answer. */
export const taskRecordSchema = z.looseObject({
  taskId: z.string().optional(),
  sessionId: z.string().optional(),
  status: z.enum(BROWSER_AGENT_STATUSES),
  result: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
  structured_content: z.unknown().optional(),
  html_dump: z.string().nullish(),
  error: z.string().nullish(),
});
export type TaskRecord = z.infer<typeof taskRecordSchema>;
