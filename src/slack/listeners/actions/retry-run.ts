import type { BotDeps } from '../../bot-deps.js';
import { readButton, tellClicker, type ButtonArgs } from './button-context.js';

/** Retry (after a failure) or Run again (after a cancel): the same inputs, as a new turn in the same thread. */
export function retryRun(deps: BotDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const button = readButton(args);
    if (!button) return;
    try {
      if (!(await deps.runs.retry(button.value, button.userId))) {
        await tellClicker(args, 'A run is already going in this thread (or the session has expired).');
      }
    } catch (error) {
      args.logger.error(`Retry failed: ${String(error)}`);
      await tellClicker(args, "I couldn't restart this run: the session store is not reachable. Try again in a minute.");
    }
  };
}
