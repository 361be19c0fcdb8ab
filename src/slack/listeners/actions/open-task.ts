import { slackErrorCode } from '../../../runs/slack-errors.js';
import type { BotDeps } from '../../bot-deps.js';
import { openTaskModal } from '../../open-task-modal.js';
import { readButton, tellClicker, type ButtonArgs } from './button-context.js';

/** A task's Run button (in `/jasper list` or a suggestion): opens its form; the run posts where the button was. */
export function openTask(deps: BotDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const button = readButton(args);
    if (!button?.triggerId) return;
    const [providerId = '', ...rest] = button.value.split(':');
    const catalogue = deps.catalogues.get(providerId);
    if (!catalogue) return;
    try {
      const task = await catalogue.get(rest.join(':'));
      // Without a channel (e.g. App Home) the run goes to the user's DM with the bot.
      await openTaskModal(deps, args.client, { task, triggerId: button.triggerId, channelId: button.channelId ?? button.userId, userId: button.userId });
    } catch (error) {
      args.logger.warn(`Could not open a task form: ${slackErrorCode(error) ?? String(error)}`);
      await tellClicker(args, "I couldn't open that task's form. Please try again.");
    }
  };
}
