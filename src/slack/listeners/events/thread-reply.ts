import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { claimOnce } from '../../../store/claims.js';
import type { BotDeps } from '../../bot-deps.js';
import { MessageEventSchema } from '../../payloads.js';

type Args = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

/**
 * A human reply in a run's thread continues that session. Bot messages, edits and other subtypes, and threads that
 * are not sessions are ignored. One Slack message starts one turn, however often Slack delivers it (retries, and a
 * mention arrives both as `app_mention` and as `message`).
 */
export function threadReply(deps: BotDeps) {
  return async ({ event, context, client, logger }: Args): Promise<void> => {
    const parsed = MessageEventSchema.safeParse(event);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.subtype || message.bot_id || !message.user || !message.thread_ts || message.thread_ts === message.ts) return;
    if (message.user === context.botUserId) return;

    try {
      const session = await deps.sessions.findByThread(message.channel, message.thread_ts);
      if (!session) return;
      if (!(await claimOnce(deps.store, `message:${message.channel}:${message.ts}`))) return;
      const text = stripMention(message.text, context.botUserId);
      if (!text) return;
      const outcome = await deps.runs.continueWith(session, { text, userId: message.user, ts: message.ts });
      if (outcome === 'queued') {
        await client.chat.postMessage({
          channel: message.channel,
          thread_ts: message.thread_ts,
          text: "Got it. I'll start on that as soon as the current run finishes.",
        });
      }
    } catch (error) {
      logger.error(`Could not continue the thread: ${String(error)}`);
      await client.chat
        .postMessage({
          channel: message.channel,
          thread_ts: message.thread_ts,
          text: "I can't reach my session store right now, so I couldn't take that reply. Please send it again in a minute.",
        })
        .catch(() => undefined);
    }
  };
}

function stripMention(text: string, botUserId: string | undefined): string {
  const mention = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g') : /^$/;
  return text.replace(mention, '').trim();
}
