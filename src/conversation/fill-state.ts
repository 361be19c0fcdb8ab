import { z } from 'zod';

export const FILL_PHASES = ['asking', 'confirming', 'cancelled', 'running'] as const;
export type FillPhase = (typeof FILL_PHASES)[number];

const InputValueSchema = z.union([z.string(), z.array(z.string())]);

/**
 * A conversational fill in progress, as stored between messages. Plain JSON; the store validates it with this schema
 * on read. Field ids refer to the task's inputs (`provider` + `taskId` say which task).
 */
export const FillStateSchema = z
  .object({
    v: z.literal(1),
    provider: z.string(),
    taskId: z.string(),
    /** The user who started it: only their answers count. */
    ownerId: z.string(),
    /** Answers so far (pre-filled ones included), by field id. */
    values: z.record(z.string(), InputValueSchema),
    /** Optional inputs the user chose to skip. */
    skipped: z.array(z.string()),
    /** The input whose question is open; set exactly when `phase` is 'asking'. */
    asking: z.string().optional(),
    /** Inputs answered or skipped in this conversation, oldest first: "back" reopens the last one. */
    trail: z.array(z.string()),
    phase: z.enum(FILL_PHASES),
  })
  .refine((s) => (s.phase === 'asking') === (s.asking !== undefined), {
    message: 'asking is set exactly when the phase is asking',
    path: ['asking'],
  });

export type FillState = z.infer<typeof FillStateSchema>;
