import { z } from 'zod';

export const RUN_STATUSES = ['pending', 'running', 'done', 'failed', 'cancelled', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

const InputValueSchema = z.union([z.string(), z.array(z.string())]);

const TurnSchema = z.object({
  id: z.string(),
  /** What the user asked for in a follow-up; absent on the first run. */
  instruction: z.string().optional(),
  mode: z.enum(['instruction', 'keep_writing']).optional(),
  /** A Retry or an edited run of the turn before, not a follow-up. */
  again: z.boolean().optional(),
  requestedBy: z.string(),
  status: z.enum(RUN_STATUSES),
  output: z.string(),
  /** True when the output stopped early (a cut stream): never shown as complete. */
  partial: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  /**
   * How far the turn got, so that a job that runs again (another replica after a crash) continues instead of
   * starting over: `queued` (nothing sent), `submitting` (the upstream may have the run: never send it again),
   * `submitted` (the upstream has it, ids below), `ended` (outcome saved, maybe not shown yet).
   */
  phase: z.enum(['queued', 'submitting', 'submitted', 'ended']).default('ended'),
  /** The upstream's ids for this turn's run, saved the moment the provider reports them. */
  upstreamRunId: z.string().optional(),
  /** Who pressed Cancel (the run stops wherever it is running). */
  cancelledBy: z.string().optional(),
  /** The thread shows how the turn ended: nothing about it is to be posted again. */
  presented: z.boolean().default(true),
  /** How often another worker picked the turn up after the one running it stopped. */
  resumes: z.number().int().nonnegative().default(0),
  /** What the run used as the upstream counted it (e.g. `{ tokens: 1234 }` from a job's `tokens_used`). */
  usage: z.record(z.string(), z.number()).optional(),
  /** Structured data the run returned (kept as data, not pasted into the output). */
  structured: z.unknown().optional(),
  /**
   * Files the run produced (e.g. a page's HTML), by name, and whether each is in the thread. The content is not
   * kept (it may be megabytes): one not uploaded before a restart is logged as lost, never sent twice.
   */
  files: z.array(z.object({ name: z.string(), uploaded: z.boolean() })).optional(),
});
export type Turn = z.infer<typeof TurnSchema>;

/** `keep_writing`: continue the last output as it is (the provider's keep-writing) rather than follow `text`. */
const TurnModeSchema = z.enum(['instruction', 'keep_writing']);

const QueuedReplySchema = z.object({ text: z.string(), userId: z.string(), ts: z.string(), mode: TurnModeSchema.optional() });
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
  /** The turn running now (or waiting for a worker); the thread's next turn waits until it is released. */
  activeTurnId: z.string().optional(),
  /** Who pressed Cancel between the root message being posted and the first turn beginning; that turn begins cancelled. */
  cancelledBeforeStart: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Session = z.infer<typeof SessionSchema>;
