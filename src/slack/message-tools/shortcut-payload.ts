import { z } from 'zod';

/** A message shortcut's payload: who, where, and the message (as Slack sends it, files included). */
export const MessageShortcutSchema = z.object({
  trigger_id: z.string(),
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }),
  message: z.object({
    ts: z.string(),
    thread_ts: z.string().optional(),
    text: z.string().default(''),
    reply_count: z.number().optional(),
    files: z.array(z.object({ id: z.string() })).optional(),
  }),
});
export type MessageShortcut = z.infer<typeof MessageShortcutSchema>;

/** The thread a message belongs to (its own ts when it is a root). */
export const threadOf = (message: MessageShortcut['message']): string => message.thread_ts ?? message.ts;
