import type { SlackServices } from '../../services/slack-services.js';
import { slackErrorCode } from '../../thread/slack-errors.js';
import { postOutput } from '../../thread/post-output.js';
import { STYLE_ACTION } from '../../replies/style-rewrite.js';
import { STYLED_PENDING, StyledSchema } from '../views/style-submission.js';
import { readButton, tellClicker, type ButtonArgs } from './button-context.js';

/** "Post in thread" and "Discard" under a style guide rewrite (an ephemeral message: it is replaced through its response URL). */
export function styleResult(services: Pick<SlackServices, 'pendingRequests'>) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const button = readButton(args);
    if (!button) return;
    const action = args.body.actions[0]?.action_id;
    const done = (text: string) => args.respond({ replace_original: true, text }).catch(() => undefined);
    if (action === STYLE_ACTION.discard) return void (await args.respond({ delete_original: true }).catch(() => undefined));
    const styled = await services.pendingRequests.load(STYLED_PENDING, button.value, StyledSchema).catch(() => undefined);
    if (!styled) return void (await done('This rewrite has expired. Use the shortcut on the message again.'));
    try {
      await args.client.chat.postMessage({ channel: styled.channelId, thread_ts: styled.threadTs, text: `<@${button.userId}> rewrote this with a style guide:` });
      await postOutput(args.client, { channelId: styled.channelId, threadTs: styled.threadTs, teamId: '', userId: button.userId }, styled.text);
      await services.pendingRequests.drop(STYLED_PENDING, button.value).catch(() => undefined);
      await done('Posted in the thread.');
    } catch (error) {
      const code = slackErrorCode(error) ?? 'unexpected error';
      await tellClicker(args, `I couldn't post in that thread (${code}). Invite me with \`/invite @Jasper\`, then press Post in thread again.`);
    }
  };
}
