import { slackErrorCode } from '../../thread/slack-errors.js';
import type { SlackServices } from '../../services/slack-services.js';
import { openTaskModal, type TaskModalServices } from '../../open-task-modal.js';
import { upstreamUnavailable } from '../../replies/upstream-unavailable.js';
import { readButton, tellClicker, type ButtonArgs } from './button-context.js';

/** A task's Run button (in `/jasper list` or a suggestion): opens its form; the run posts where the button was. */
export function openTask(services: Pick<SlackServices, 'catalogues'> & TaskModalServices) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const button = readButton(args);
    if (!button?.triggerId) return;
    const [providerId = '', ...rest] = button.value.split(':');
    const catalogue = services.catalogues.get(providerId);
    if (!catalogue) return;
    let task;
    try {
      task = await catalogue.get(rest.join(':'));
    } catch (error) {
      args.logger.warn(`Could not open a task form: ${String(error)}`);
      await tellClicker(args, upstreamUnavailable(error, catalogue.provider, "open that task's form"));
      return;
    }
    try {
      // Without a channel (e.g. App Home) the run goes to the user's DM with the bot.
      await openTaskModal(services, args.client, { task, triggerId: button.triggerId, channelId: button.channelId ?? button.userId, userId: button.userId });
    } catch (error) {
      args.logger.warn(`Could not open a task form: ${slackErrorCode(error) ?? String(error)}`);
      await tellClicker(args, "I couldn't open that task's form. Please try again.");
    }
  };
}
