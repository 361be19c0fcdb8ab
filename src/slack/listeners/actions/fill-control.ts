import type { SlackServices } from '../../services/slack-services.js';
import { readFillAction } from '../../fill/read-fill-action.js';
import { readThreadAction, tellClicker, type ButtonArgs } from './button-context.js';

const slackTsNow = () => (Date.now() / 1000).toFixed(6);

/** A button or menu on a conversational question or summary (pick, skip, back, run now, run, cancel). */
export function fillControl(services: Pick<SlackServices, 'fill'>) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const click = readThreadAction(args);
    const reader = click && readFillAction(click.action, click.userId);
    if (!click || !reader) return;
    try {
      // Clicks are ordered with typed answers by when Slack says they happened.
      await services.fill.handle(click.channelId, click.threadTs, reader, args.body.actions[0]?.action_ts ?? slackTsNow());
    } catch (error) {
      args.logger.error(`Could not take a fill answer: ${String(error)}`);
      await tellClicker(args, "I couldn't save that answer (my session store is not reachable). Please try again in a minute.");
    }
  };
}
