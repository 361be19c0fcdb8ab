/**
 * What a message shortcut needs again after its form is submitted (the message's text, where its thread is), kept in
 * the store under a random id instead of in `private_metadata`: a message holds far more than the 3,000 characters a
 * view keeps, and cutting it would change what the agent is asked about.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { KeyValueStore } from '../../store/key-value-store.js';

const TTL_MS = 60 * 60 * 1000;

export const PendingMessageSchema = z.object({
  channelId: z.string(),
  threadTs: z.string(),
  messageTs: z.string(),
  text: z.string(),
  /** Whether the message is part of a thread with replies (then the thread can be the context). */
  inThread: z.boolean(),
});
export type PendingMessage = z.infer<typeof PendingMessageSchema>;

/** Pending requests by kind (which shortcut or form keeps them) and id, for an hour. */
export class PendingRequests {
  constructor(private readonly store: KeyValueStore) {}

  /** Keeps `value` and answers the id to find it again by. */
  async save<T>(kind: string, value: T): Promise<string> {
    const id = randomUUID();
    await this.store.set(`${kind}:${id}`, value, TTL_MS);
    return id;
  }

  /** The saved value, or undefined when it expired or is not ours. */
  async load<T>(kind: string, id: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const parsed = schema.safeParse(await this.store.get(`${kind}:${id}`));
    return parsed.success ? parsed.data : undefined;
  }

  /** Forgets a value that has been used. */
  drop(kind: string, id: string): Promise<void> {
    return this.store.delete(`${kind}:${id}`);
  }
}
