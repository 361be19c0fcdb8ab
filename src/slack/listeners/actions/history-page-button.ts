import { decodeCursor } from '../../../forms/history-blocks.js';
import { historyPage } from '../../history/history-page.js';
import type { SlackServices } from '../../services/slack-services.js';
import { readButton, tellClicker, type ButtonArgs } from './button-context.js';

/** Newer/Older under a history page (an ephemeral reply): the same message shows the page asked for. */
export function historyPageButton(services: Pick<SlackServices, 'catalogue'>) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const button = readButton(args);
    if (!button) return;
    const cursor = decodeCursor(button.value);
    if (!cursor) {
      await tellClicker(args, "I couldn't read that page button. Run the history command again.");
      return;
    }
    const page = await historyPage(services.catalogue, cursor);
    await args.respond({ response_type: 'ephemeral', replace_original: true, ...page }).catch((error: unknown) => args.logger.warn(`Could not show a history page: ${String(error)}`));
  };
}
