import { z } from 'zod';

export const RUN_STATUSES = ['pending', 'running', 'done', 'failed', 'cancelled', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

const InputValueSchema = z.union([z.string(), z.array(z.string())]);

const TurnSchema = z.object({
  id: z.string(),
  /** What the user asked for in a follow-up; absent on the first run. */
  instruction: z.string().optional(),
  requestedBy: z.string(),
  status: z.enum(RUN_STATUSES),
  output: z.string(),
  /** True when the output stopped early (a cut stream): never shown as complete. */
  partial: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  startedAt: z.number(),
  endedAt: z.number().optional(),
});
export type Turn = z.infer<typeof TurnSchema>;

const QueuedReplySchema = z.object({ text: z.string(), userId: z.string(), ts: z.string() });
export type QueuedReply = z.infer<typeof QueuedReplySchema>;

export const SessionSchema = z.object({
  id: z.string(),
  provider: z.string(),
  taskId: z.string(),
  taskName: z.string(),
  teamId: z.string(),
  userId: z.string(),
  channelId: z.string(),
  /** The root message; every later message of the session is in its thread. Absent until it is posted. */
  threadTs: z.string().optional(),
  /** The bot's message that shows the run's status and Cancel: the root for a form run, a reply for a conversation. */
  statusTs: z.string().optional(),
  values: z.record(z.string(), InputValueSchema),
  extraText: z.string().optional(),
  /** Tone, audience, style guide, knowledge and language the runs use. */
  brand: z
    .object({
      toneId: z.string().optional(),
      audienceId: z.string().optional(),
      styleGuideId: z.string().optional(),
      knowledgeIds: z.array(z.string()).optional(),
      toLanguage: z.string().optional(),
    })
    .optional(),
  status: z.enum(RUN_STATUSES),
  turns: z.array(TurnSchema),
  queue: z.array(QueuedReplySchema),
  upstreamSessionId: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Session = z.infer<typeof SessionSchema>;
