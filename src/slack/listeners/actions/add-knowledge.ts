import type { BotDeps } from '../../bot-deps.js';
import { openKnowledgeModal } from '../../knowledge/open-knowledge-modal.js';
import { readThreadAction, tellClicker, type ButtonArgs } from './button-context.js';

/** "Add to knowledge" under a file shared in a DM: the confirm form (name, tags). */
export function addKnowledge(deps: BotDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const click = readThreadAction(args);
    if (!click?.triggerId || !click.action.value) return;
    try {
      const refusal = await openKnowledgeModal(args.client, deps.catalogue.provider, { fileId: click.action.value, triggerId: click.triggerId, channelId: click.channelId });
      if (refusal) await tellClicker(args, refusal);
    } catch (error) {
      args.logger.warn(`Could not open the knowledge form: ${String(error)}`);
      await tellClicker(args, "I couldn't read that file from Slack. Share it again and retry.");
    }
  };
}
