import type { SlackServices } from '../../services/slack-services.js';
import { cannotPostReply } from '../../replies/post-failure.js';
import { readButton, tellClicker, type ButtonArgs } from './button-context.js';
import { sessionForAction, type RunOwnerServices } from './run-owner.js';
import { escapeMrkdwn } from '../../../forms/untrusted.js';

/** "Try again" in the DM sent when the bot could not post in the channel: posts the saved run there now. */
export function retryPost(services: Pick<SlackServices, 'runs'> & RunOwnerServices) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const button = readButton(args);
    if (!button) return;
    if (!(await sessionForAction(services, args, 'retry', button.value, button.userId))) return;
    const result = await services.runs.retryPost(button.value).catch((error: unknown) => {
      args.logger.error(`Retry post failed: ${String(error)}`);
      return undefined;
    });
    if (!result) {
      await tellClicker(args, 'That run has already started or its saved inputs have expired.');
      return;
    }
    const { session } = result;
    const reply = result.ok
      ? { text: `Started *${escapeMrkdwn(session.taskName)}* in <#${session.channelId}>.` }
      : cannotPostReply(session.channelId, result.slackError, session.id, session.taskName);
    await args.respond({ replace_original: true, ...reply }).catch(() => undefined);
  };
}
