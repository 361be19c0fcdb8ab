import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { claimOnce } from '../../../store/claims.js';
import type { BotDeps } from '../../bot-deps.js';
import { MessageEventSchema } from '../../payloads.js';

type Args = (SlackEventMiddlewareArgs<'message'> | SlackEventMiddlewareArgs<'app_mention'>) & AllMiddlewareArgs;

/**
 * Every human message the bot may act on, from `message` and `app_mention` alike (a mention arrives as both; Slack
 * also redelivers): each Slack message is acted on once. In a thread it answers an open conversation or continues a
 * run's session; a mention or a DM elsewhere starts a conversation. Bot messages, edits and other subtypes are ignored.
 */
export function incomingMessage(deps: BotDeps) {
  return async ({ event, body, context, client, logger }: Args): Promise<void> => {
    const parsed = MessageEventSchema.safeParse(event);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.subtype || message.bot_id || !message.user || message.user === context.botUserId) return;
    const isDirect = message.channel_type === 'im' || message.channel.startsWith('D');
    const mentioned = message.type === 'app_mention' || (context.botUserId !== undefined && message.text.includes(`<@${context.botUserId}`));
    const threadTs = message.thread_ts !== message.ts ? message.thread_ts : undefined;
    if (!threadTs && !isDirect && !mentioned) return;

    const reply = (text: string) => client.chat.postMessage({ channel: message.channel, thread_ts: threadTs ?? message.ts, text }).catch(() => undefined);
    try {
      if (!(await claimOnce(deps.store, `message:${message.channel}:${message.ts}`))) return;
      const text = stripMention(message.text, context.botUserId);
      const userId = message.user;
      if (threadTs) {
        if (await deps.fill.handle(message.channel, threadTs, { type: 'text', userId, text })) return;
        const session = await deps.sessions.findByThread(message.channel, threadTs);
        if (session) {
          if (!text) return;
          const outcome = await deps.runs.continueWith(session, { text, userId, ts: message.ts });
          if (outcome === 'queued') await reply("Got it. I'll start on that as soon as the current run finishes.");
          return;
        }
        if (!mentioned && !isDirect) return;
      }
      const teamId = context.teamId ?? (typeof body.team_id === 'string' ? body.team_id : '');
      await deps.fill.begin({ channelId: message.channel, threadTs: threadTs ?? message.ts, teamId, userId }, text);
    } catch (error) {
      logger.error(`Could not handle a message: ${String(error)}`);
      await reply("I can't reach my session store right now, so I couldn't take that message. Please send it again in a minute.");
    }
  };
}

function stripMention(text: string, botUserId: string | undefined): string {
  const mention = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g') : /^$/;
  return text.replace(mention, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();
}
