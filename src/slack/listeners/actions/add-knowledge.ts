import { SlackFileError } from '../../knowledge/slack-file.js';
import type { SlackServices } from '../../services/slack-services.js';
import { openKnowledgeModal } from '../../knowledge/open-knowledge-modal.js';
import { readThreadAction, tellClicker, type ButtonArgs } from './button-context.js';

/** "Add to knowledge" under a file shared in a DM: the confirm form (name, tags). */
export function addKnowledge(services: Pick<SlackServices, 'catalogue'>) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const click = readThreadAction(args);
    if (!click?.triggerId || !click.action.value) return;
    try {
      const refusal = await openKnowledgeModal(args.client, services.catalogue.firstWith('knowledge') ?? services.catalogue.first, { fileId: click.action.value, triggerId: click.triggerId, channelId: click.channelId });
      if (refusal) await tellClicker(args, refusal);
    } catch (error) {
      args.logger.warn(`Could not open the knowledge form: ${String(error)}`);
      await tellClicker(args, error instanceof SlackFileError ? error.userMessage : "I couldn't read that file from Slack. Share it again and retry.");
    }
  };
}
