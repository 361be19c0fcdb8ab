import type { WebClient } from '@slack/web-api';

/** Says something only `userId` sees, in the channel (and thread) it is about; in their DM with the bot when that fails. */
export async function tellUser(client: WebClient, at: { channelId: string; userId: string; threadTs?: string }, text: string): Promise<void> {
  try {
    await client.chat.postEphemeral({ channel: at.channelId, user: at.userId, text, ...(at.threadTs ? { thread_ts: at.threadTs } : {}) });
  } catch {
    await client.chat.postMessage({ channel: at.userId, text }).catch(() => undefined);
  }
}
