import type { SlackServices } from '../../services/slack-services.js';
import { readButton, tellClicker, type ButtonArgs } from './button-context.js';
import { sessionForAction, type RunOwnerServices } from './run-owner.js';

/** The Cancel button on a running run's root message: stops the upstream and says so in the thread. */
export function cancelRun(services: Pick<SlackServices, 'runs'> & RunOwnerServices) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const button = readButton(args);
    if (!button) return;
    const session = await sessionForAction(services, args, 'cancel', button.value, button.userId);
    if (!session) return;
    try {
      if (!(await services.runs.cancel(session.id, button.userId))) await tellClicker(args, 'This run has already finished.');
    } catch (error) {
      args.logger.error(`Cancel failed: ${String(error)}`);
      await tellClicker(args, "I couldn't cancel this run: the session store is not reachable. Try again in a moment.");
    }
  };
}
