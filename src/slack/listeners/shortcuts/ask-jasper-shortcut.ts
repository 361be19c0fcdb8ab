import type { AllMiddlewareArgs, MessageShortcut as BoltMessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { buildAskModal } from '../../../forms/ask-modal.js';
import type { SlackServices } from '../../services/slack-services.js';
import { MessageShortcutSchema, threadOf } from '../../message-tools/shortcut-payload.js';
import type { PendingMessage } from '../../message-tools/pending-request.js';
import { tellUser } from '../../message-tools/tell-user.js';

type Args = SlackShortcutMiddlewareArgs<BoltMessageShortcut> & AllMiddlewareArgs;

export const ASK_SHORTCUT = 'jasper.ask_message';
export const ASK_PENDING = 'ask';

/** "Ask Jasper…" on a message: the instruction form; the message's text waits in the store for the submission. */
export function askJasperShortcut(services: Pick<SlackServices, 'catalogue' | 'pendingRequests'>) {
  return async ({ ack, shortcut, client, logger }: Args): Promise<void> => {
    await ack();
    const parsed = MessageShortcutSchema.safeParse(shortcut);
    if (!parsed.success) return;
    const { trigger_id: triggerId, user, channel, message } = parsed.data;
    const where = { channelId: channel.id, userId: user.id };
    const provider = services.catalogue.firstWith('completion');
    if (!provider?.completion.command) return tellUser(client, where, `${services.catalogue.displayName} can't answer instructions through this bot.`);
    if (!message.text.trim()) return tellUser(client, where, 'That message has no text for Jasper to work with. Use the shortcut on a message with text.');
    const pending: PendingMessage = {
      channelId: channel.id,
      threadTs: threadOf(message),
      messageTs: message.ts,
      text: message.text,
      inThread: message.thread_ts !== undefined || (message.reply_count ?? 0) > 0,
    };
    try {
      const id = await services.pendingRequests.save(ASK_PENDING, pending);
      const about = pending.inThread ? 'Jasper reads this message (or the whole thread, if you tick it below) and answers in its thread.' : 'Jasper reads this message and answers in its thread.';
      await client.views.open({ trigger_id: triggerId, view: buildAskModal(JSON.stringify({ id }), about, provider.brand?.languages ?? [], pending.inThread) });
    } catch (error) {
      logger.warn(`Could not open the Ask Jasper form: ${String(error)}`);
      await tellUser(client, where, "I couldn't open the form just now. Please use the shortcut again.");
    }
  };
}
