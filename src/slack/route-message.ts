import type { Logger } from '@slack/logger';
import type { WebClient } from '@slack/web-api';
import { offerKnowledge } from './knowledge/offer-knowledge.js';
import type { SlackServices } from './services/slack-services.js';
import type { MessageEvent } from './payloads.js';
import { stripControlChars } from '../forms/untrusted.js';

/** What routing a message reads (the events and assistant surfaces). */
export type MessageServices = Pick<SlackServices, 'catalogue' | 'claims' | 'fill' | 'runs' | 'sessions'>;

export interface MessageContext {
  client: WebClient;
  logger: Logger;
  botUserId?: string;
  teamId: string;
}

/**
 * What a human message means, whichever surface it came from (channel, DM, assistant pane), acted on once per Slack
 * message: in a thread it answers an open conversation or continues a run's session; a mention or a DM elsewhere
 * starts a conversation. Bot messages, edits and other subtypes are ignored. Resolves true when it was acted on.
 */
export async function routeMessage(services: MessageServices, message: MessageEvent, io: MessageContext): Promise<boolean> {
  const isDirect = message.channel_type === 'im' || message.channel.startsWith('D');
  if (message.subtype === 'file_share' && isDirect && message.user && message.files?.length) {
    if (!(await services.claims.once(`message:${message.channel}:${message.ts}`).catch(() => false))) return false;
    await offerKnowledge(io.client, services.catalogue.firstWith('knowledge') ?? services.catalogue.first, message.channel, message.thread_ts ?? message.ts, message.files).catch((error: unknown) =>
      io.logger.warn(`Could not offer a shared file as knowledge: ${String(error)}`),
    );
    return true;
  }
  if (message.subtype || message.bot_id || !message.user || message.user === io.botUserId) return false;
  const mentioned = message.type === 'app_mention' || (io.botUserId !== undefined && message.text.includes(`<@${io.botUserId}`));
  const threadTs = message.thread_ts !== message.ts ? message.thread_ts : undefined;
  if (!threadTs && !isDirect && !mentioned) return false;

  const reply = (text: string) => io.client.chat.postMessage({ channel: message.channel, thread_ts: threadTs ?? message.ts, text }).catch(() => undefined);
  try {
    // Most thread replies in a channel have nothing to do with the bot: two reads settle that, and no claim is
    // written for them (a key per message in Redis for an hour, in a busy workspace).
    if (threadTs && !mentioned && !isDirect && !(await belongsToBot(services, message.channel, threadTs))) return false;
    if (!(await services.claims.once(`message:${message.channel}:${message.ts}`))) return false;
    const text = stripMention(message.text, io.botUserId);
    const userId = message.user;
    if (threadTs) {
      if (await services.fill.handle(message.channel, threadTs, { type: 'text', userId, text }, message.ts)) return true;
      const session = await services.sessions.findByThread(message.channel, threadTs);
      if (session) {
        if (!text) return false;
        const outcome = await services.runs.continueWith(session, { text, userId, ts: message.ts });
        if (outcome === 'queued') await reply("Got it. I'll start on that as soon as the current run finishes.");
        return true;
      }
      if (!mentioned && !isDirect) return false;
    }
    await services.fill.begin({ channelId: message.channel, threadTs: threadTs ?? message.ts, teamId: io.teamId, userId }, text);
    return true;
  } catch (error) {
    io.logger.error(`Could not handle a message: ${String(error)}`);
    await reply("I can't reach my session store right now, so I couldn't take that message. Please send it again in a minute.");
    return false;
  }
}

async function belongsToBot(services: Pick<MessageServices, 'fill' | 'sessions'>, channelId: string, threadTs: string): Promise<boolean> {
  const [conversation, session] = await Promise.all([services.fill.get(channelId, threadTs), services.sessions.findByThread(channelId, threadTs)]);
  return conversation !== undefined || session !== undefined;
}

/** The text without the bot's mention, with Slack's three escaped characters restored. */
function stripMention(text: string, botUserId: string | undefined): string {
  const mention = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g') : /^$/;
  // Control characters never go upstream; what comes back is neutralised where it is shown (forms/untrusted.ts).
  return stripControlChars(text.replace(mention, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).trim();
}
