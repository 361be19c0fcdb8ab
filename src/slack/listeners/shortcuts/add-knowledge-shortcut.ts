import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { SlackFileError } from '../../knowledge/slack-file.js';
import type { SlackServices } from '../../services/slack-services.js';
import { openKnowledgeModal } from '../../knowledge/open-knowledge-modal.js';

type Args = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

export const ADD_KNOWLEDGE_SHORTCUT = 'knowledge.add_from_message';

const ShortcutSchema = z.object({
  trigger_id: z.string(),
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }),
  message: z.object({ files: z.array(z.object({ id: z.string() })).optional() }),
});

/** The "Add to Jasper knowledge" message shortcut: the confirm form for the message's first file. */
export function addKnowledgeShortcut(services: Pick<SlackServices, 'catalogue'>) {
  return async ({ ack, shortcut, client, logger }: Args): Promise<void> => {
    await ack();
    const parsed = ShortcutSchema.safeParse(shortcut);
    if (!parsed.success) return;
    const { trigger_id: triggerId, user, channel, message } = parsed.data;
    const tell = (text: string) => client.chat.postEphemeral({ channel: channel.id, user: user.id, text }).catch(() => client.chat.postMessage({ channel: user.id, text }));
    const fileId = message.files?.[0]?.id;
    if (!fileId) {
      await tell('That message has no file. Use the shortcut on a message with a file attached.');
      return;
    }
    try {
      const refusal = await openKnowledgeModal(client, services.catalogue.firstWith('knowledge') ?? services.catalogue.first, { fileId, triggerId, channelId: user.id });
      if (refusal) await tell(refusal);
    } catch (error) {
      logger.warn(`Could not open the knowledge form: ${String(error)}`);
      await tell(error instanceof SlackFileError ? error.userMessage : "I couldn't read that file from Slack. Make sure I can see the channel, then try again.");
    }
  };
}
