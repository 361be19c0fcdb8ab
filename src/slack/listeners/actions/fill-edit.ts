import { buildTaskModal } from '../../../forms/task-modal.js';
import { encodeRunMetadata } from '../../../forms/view-metadata.js';
import type { BotDeps } from '../../bot-deps.js';
import { readThreadAction, tellClicker, type ButtonArgs } from './button-context.js';

/** Edit on a conversation's summary: the form, pre-filled with what was said; submitting it runs in the same thread. */
export function fillEdit(deps: BotDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const click = readThreadAction(args);
    if (!click?.triggerId) return;
    const conversation = await deps.fill.get(click.channelId, click.threadTs);
    const catalogue = conversation && deps.catalogues.get(conversation.state.provider);
    if (!conversation || !catalogue || conversation.state.ownerId !== click.userId) {
      await tellClicker(args, 'Only the person who started this can edit it.');
      return;
    }
    const task = await catalogue.get(conversation.state.taskId);
    const metadata = encodeRunMetadata({ provider: task.provider, taskId: task.id, channelId: click.channelId, userId: click.userId, threadTs: click.threadTs });
    await args.client.views.open({ trigger_id: click.triggerId, view: buildTaskModal({ task, values: conversation.state.values, metadata }) });
  };
}
