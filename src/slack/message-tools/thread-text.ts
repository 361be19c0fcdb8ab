import type { WebClient } from '@slack/web-api';
import { z } from 'zod';

const RepliesSchema = z.object({
  messages: z.array(z.object({ user: z.string().optional(), bot_id: z.string().optional(), text: z.string().default('') })).default([]),
  has_more: z.boolean().optional(),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

/** Most pages read: a thread longer than 1,000 messages is read from its start only, and the answer says so. */
const MAX_PAGES = 5;

/** A thread's messages as "<@U1>: text" lines, oldest first (conversations.replies, paged). */
export async function threadText(client: WebClient, channelId: string, threadTs: string): Promise<{ text: string; complete: boolean }> {
  const lines: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = RepliesSchema.parse(await client.conversations.replies({ channel: channelId, ts: threadTs, limit: 200, ...(cursor ? { cursor } : {}) }));
    for (const m of answer.messages) if (m.text.trim()) lines.push(`${m.user ? `<@${m.user}>` : 'A bot'}: ${m.text}`);
    cursor = answer.has_more ? answer.response_metadata?.next_cursor : undefined;
    if (!cursor) return { text: lines.join('\n'), complete: true };
  }
  return { text: lines.join('\n'), complete: false };
}
