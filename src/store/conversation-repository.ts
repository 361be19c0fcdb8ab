import { z } from 'zod';
import { FillStateSchema, type FillEvent } from '../conversation/index.js';
import type { KeyValueStore } from './key-value-store.js';

const UserId = z.string();
const FillEventSchema = z.union([
  z.object({ type: z.literal('text'), userId: UserId, text: z.string() }),
  z.object({ type: z.literal('pick'), userId: UserId, fieldId: z.string(), values: z.array(z.string()) }),
  z.object({ type: z.literal('skip'), userId: UserId, fieldId: z.string().optional() }),
  z.object({ type: z.enum(['back', 'cancel', 'run_now', 'confirm']), userId: UserId }),
]) satisfies z.ZodType<FillEvent>;

/** An answer or click taken in but not applied yet; `ts` is Slack's (the message's, or the click's `action_ts`). */
const PendingEventSchema = z.object({ ts: z.string(), event: FillEventSchema });
export type PendingEvent = z.infer<typeof PendingEventSchema>;

const ConversationSchema = z.object({
  channelId: z.string(),
  threadTs: z.string(),
  teamId: z.string(),
  state: FillStateSchema,
  /** The bot's message holding the open question's controls (replaced by the answer once given). */
  promptTs: z.string().optional(),
  /** The line the open question opened with ("Got it: …"), kept when the question is closed. */
  promptLead: z.string().optional(),
  /** Counts the steps applied: a write made after a step's messages were posted checks that no later step came. */
  rev: z.number().int().nonnegative().default(0),
  /** Events waiting to be applied, in the order they arrived (they are applied in `ts` order). */
  pending: z.array(PendingEventSchema).default([]),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export interface ConversationRepositoryOptions {
  /** How long a half-filled conversation is kept after its last change. */
  ttlMs: number;
  onInvalidRecord?: (key: string, problem: string) => void;
}

/**
 * Half-filled conversations, one per thread, validated on read. Every change is an atomic read-modify-write of the
 * thread's record in the store, so that two replicas taking answers of one thread never overwrite each other.
 */
export class ConversationRepository {
  constructor(
    private readonly store: KeyValueStore,
    private readonly options: ConversationRepositoryOptions,
  ) {}

  async get(channelId: string, threadTs: string): Promise<Conversation | undefined> {
    const key = conversationKey(channelId, threadTs);
    const raw = await this.store.get(key);
    if (raw === undefined || raw === null) return undefined;
    const parsed = ConversationSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.options.onInvalidRecord?.(key, parsed.error.message);
    return undefined;
  }

  /**
   * Atomic read-modify-write of the thread's conversation (an unreadable record counts as none). `edit` returns the
   * record to save, or undefined to leave it; it may run again on a newer record, so it must be pure. Resolves with the
   * saved record, or undefined when nothing was saved.
   */
  change(channelId: string, threadTs: string, edit: (current: Conversation | undefined) => Conversation | undefined): Promise<Conversation | undefined> {
    return this.store.update(
      conversationKey(channelId, threadTs),
      (raw) => {
        const parsed = ConversationSchema.safeParse(raw);
        const next = edit(parsed.success ? parsed.data : undefined);
        return next && ConversationSchema.parse({ ...next, updatedAt: Date.now() });
      },
      this.options.ttlMs,
    );
  }

  /** Adds an event to apply; false when `accepts` refuses the conversation there is (or there is none). */
  async enqueue(channelId: string, threadTs: string, pending: PendingEvent, accepts: (current: Conversation) => boolean): Promise<boolean> {
    const saved = await this.change(channelId, threadTs, (current) => {
      if (!current || !accepts(current)) return undefined;
      // The same message or click delivered twice is one event.
      if (current.pending.some((p) => p.ts === pending.ts)) return current;
      return { ...current, pending: [...current.pending, pending] };
    });
    return saved !== undefined;
  }

  /** Records the open question's message, unless a later step has been applied since (its own prompt wins). */
  async setPromptTs(channelId: string, threadTs: string, rev: number, promptTs: string, promptLead?: string): Promise<void> {
    await this.change(channelId, threadTs, (current) => (current && current.rev === rev ? { ...current, promptTs, promptLead: promptLead || undefined } : undefined));
  }
}

const conversationKey = (channelId: string, threadTs: string) => `conversation:${channelId}:${threadTs}`;
