import type { BotDeps } from '../../bot-deps.js';
import { readButton, tellClicker, type ButtonArgs } from './button-context.js';

/** The Cancel button on a running run's root message: stops the upstream and says so in the thread. */
export function cancelRun(deps: BotDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const button = readButton(args);
    if (!button) return;
    if (!deps.runs.cancel(button.value, button.userId)) await tellClicker(args, 'This run has already finished.');
  };
}
