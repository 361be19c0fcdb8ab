import type { SlackServices } from '../../services/slack-services.js';
import { openTaskModal, type TaskModalServices } from '../../open-task-modal.js';
import { readThreadAction, tellClicker, type ButtonArgs } from './button-context.js';

/** Edit on a conversation's summary: the form, pre-filled with what was said; submitting it runs in the same thread. */
export function fillEdit(services: Pick<SlackServices, 'catalogues' | 'fill'> & TaskModalServices) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const click = readThreadAction(args);
    if (!click?.triggerId) return;
    const conversation = await services.fill.get(click.channelId, click.threadTs);
    const catalogue = conversation && services.catalogues.get(conversation.state.provider);
    if (!conversation || !catalogue || conversation.state.ownerId !== click.userId) {
      await tellClicker(args, 'Only the person who started this can edit it.');
      return;
    }
    const task = await catalogue.get(conversation.state.taskId);
    await openTaskModal(services, args.client, {
      task,
      triggerId: click.triggerId,
      channelId: click.channelId,
      userId: click.userId,
      values: conversation.state.values,
      threadTs: click.threadTs,
    });
  };
}
