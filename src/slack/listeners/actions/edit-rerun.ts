import type { SlackServices } from '../../services/slack-services.js';
import { openTaskModal, type TaskModalServices } from '../../open-task-modal.js';
import { readButton, tellClicker, type ButtonArgs } from './button-context.js';
import { sessionForAction, type RunOwnerServices } from './run-owner.js';

/** "Edit inputs & run again" on a finished run: the form pre-filled with the session's inputs; it runs in the same thread. */
export function editRerun(services: Pick<SlackServices, 'catalogues'> & RunOwnerServices & TaskModalServices) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const button = readButton(args);
    if (!button?.triggerId) return;
    const session = await sessionForAction(services, args, 'edit', button.value, button.userId);
    if (!session) return;
    const catalogue = services.catalogues.get(session.provider);
    if (!catalogue) {
      await tellClicker(args, `This run has expired; start a new one with \`${services.command} run\`.`);
      return;
    }
    try {
      await openTaskModal(services, args.client, {
        task: await catalogue.get(session.taskId),
        triggerId: button.triggerId,
        channelId: session.channelId,
        userId: button.userId,
        values: session.values,
        extraText: session.extraText,
        brand: session.brand ?? {},
        sessionId: session.id,
      });
    } catch (error) {
      args.logger.warn(`Could not open the form to run again: ${String(error)}`);
      await tellClicker(args, "I couldn't open the form. Please try again.");
    }
  };
}
