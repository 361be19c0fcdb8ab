import type { SlackServices } from '../../services/slack-services.js';
import { readThreadAction, tellClicker, type ButtonArgs } from './button-context.js';

/** A task button offered when a mention named no task (or several): starts filling that task in the same thread. */
export function fillChooseTask(services: Pick<SlackServices, 'catalogues' | 'fill'>) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const click = readThreadAction(args);
    if (!click) return;
    const [providerId = '', ...rest] = (click.action.value ?? '').split(':');
    const catalogue = services.catalogues.get(providerId);
    if (!catalogue) return;
    try {
      const task = await catalogue.get(rest.join(':'));
      await services.fill.beginWithTask({ channelId: click.channelId, threadTs: click.threadTs, teamId: click.teamId, userId: click.userId }, task, { values: {}, notes: [] });
    } catch (error) {
      args.logger.warn(`Could not start filling a chosen task: ${String(error)}`);
      await tellClicker(args, "I couldn't start that task. Please try again.");
    }
  };
}
