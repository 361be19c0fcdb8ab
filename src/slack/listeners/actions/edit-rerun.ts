import type { BotDeps } from '../../bot-deps.js';
import { openTaskModal } from '../../open-task-modal.js';
import { readButton, tellClicker, type ButtonArgs } from './button-context.js';

/** "Edit inputs & run again" on a finished run: the form pre-filled with the session's inputs; it runs in the same thread. */
export function editRerun(deps: BotDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const button = readButton(args);
    if (!button?.triggerId) return;
    const session = await deps.sessions.get(button.value).catch(() => undefined);
    const catalogue = session && deps.catalogues.get(session.provider);
    if (!session || !catalogue) {
      await tellClicker(args, 'This run has expired; start a new one with `/jasper run`.');
      return;
    }
    try {
      await openTaskModal(deps, args.client, {
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
