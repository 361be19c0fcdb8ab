import type { AllMiddlewareArgs, MessageShortcut as BoltMessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { buildStyleModal } from '../../../forms/style-modal.js';
import type { SlackServices } from '../../services/slack-services.js';
import type { PendingMessage } from '../../message-tools/pending-request.js';
import { MessageShortcutSchema, threadOf } from '../../message-tools/shortcut-payload.js';
import { tellUser } from '../../message-tools/tell-user.js';

type Args = SlackShortcutMiddlewareArgs<BoltMessageShortcut> & AllMiddlewareArgs;

export const APPLY_STYLE_SHORTCUT = 'jasper.apply_style_message';
export const STYLE_PENDING = 'style';

/** "Apply style guide" on a message: pick one of the workspace's style guides (read from the cached brand lists). */
export function applyStyleShortcut(services: Pick<SlackServices, 'brands' | 'catalogue' | 'pendingRequests'>) {
  return async ({ ack, shortcut, client, logger }: Args): Promise<void> => {
    await ack();
    const parsed = MessageShortcutSchema.safeParse(shortcut);
    if (!parsed.success) return;
    const { trigger_id: triggerId, user, channel, message } = parsed.data;
    const provider = services.catalogue.firstWith('brand');
    const where = { channelId: channel.id, userId: user.id };
    if (!provider?.brand.applyStyle) return tellUser(client, where, `${services.catalogue.displayName} can't apply style guides through this bot.`);
    if (!message.text.trim()) return tellUser(client, where, 'That message has no text to rewrite.');
    const styles = (await services.brands.get(provider.id)?.list('style')) ?? [];
    if (styles.length === 0) return tellUser(client, where, `Your workspace has no ${provider.displayName} style guides yet (or ${provider.displayName} could not list them just now).`);
    const pending: PendingMessage = { channelId: channel.id, threadTs: threadOf(message), messageTs: message.ts, text: message.text, inThread: message.thread_ts !== undefined };
    try {
      const id = await services.pendingRequests.save(STYLE_PENDING, pending);
      await client.views.open({ trigger_id: triggerId, view: buildStyleModal(styles, JSON.stringify({ id })) });
    } catch (error) {
      logger.warn(`Could not open the style guide form: ${String(error)}`);
      await tellUser(client, where, "I couldn't open the form just now. Please use the shortcut again.");
    }
  };
}
