import type { BotDeps } from '../../bot-deps.js';
import { readFillAction } from '../../fill/read-fill-action.js';
import { readThreadAction, tellClicker, type ButtonArgs } from './button-context.js';

/** A button or menu on a conversational question or summary (pick, skip, back, run now, run, cancel). */
export function fillControl(deps: BotDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const click = readThreadAction(args);
    const reader = click && readFillAction(click.action, click.userId);
    if (!click || !reader) return;
    try {
      await deps.fill.handle(click.channelId, click.threadTs, reader);
    } catch (error) {
      args.logger.error(`Could not take a fill answer: ${String(error)}`);
      await tellClicker(args, "I couldn't save that answer (my session store is not reachable). Please try again in a minute.");
    }
  };
}
