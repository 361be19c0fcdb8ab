import { z } from 'zod';
import { FillStateSchema } from '../conversation/index.js';
import type { KeyValueStore } from './key-value-store.js';
import { KeyedQueue } from './keyed-queue.js';

const ConversationSchema = z.object({
  channelId: z.string(),
  threadTs: z.string(),
  teamId: z.string(),
  state: FillStateSchema,
  /** The bot's message holding the open question's controls (replaced by the answer once given). */
  promptTs: z.string().optional(),
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
 * Half-filled conversations, one per thread, validated on read. Changes to one thread are serialised in this process
 * (two quick replies must not overwrite each other's answers).
 */
export class ConversationRepository {
  private readonly queue = new KeyedQueue();

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

  async save(conversation: Conversation): Promise<void> {
    const record = ConversationSchema.parse({ ...conversation, updatedAt: Date.now() });
    await this.store.set(conversationKey(record.channelId, record.threadTs), record, this.options.ttlMs);
  }

  /**
   * Runs `work` on the thread's conversation with no other change to it in between; `work` returns the record to
   * save (or undefined to leave it as it is) and a result.
   */
  withConversation<T>(channelId: string, threadTs: string, work: (current: Conversation | undefined) => Promise<{ save?: Conversation; result: T }>): Promise<T> {
    return this.queue.run(conversationKey(channelId, threadTs), async () => {
      const outcome = await work(await this.get(channelId, threadTs));
      if (outcome.save) await this.save(outcome.save);
      return outcome.result;
    });
  }
}


const conversationKey = (channelId: string, threadTs: string) => `conversation:${channelId}:${threadTs}`;
