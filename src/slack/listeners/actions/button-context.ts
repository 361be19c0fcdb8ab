import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ButtonActionSchema } from '../../payloads.js';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** The fields every button handler needs, validated; undefined (and logged) for a payload that lacks them. */
export function readButton({ body, logger }: ButtonArgs) {
  const parsed = ButtonActionSchema.safeParse(body);
  if (!parsed.success) {
    logger.warn(`Refused a malformed button payload: ${parsed.error.message}`);
    return undefined;
  }
  const { user, actions, trigger_id: triggerId, channel } = parsed.data;
  return { userId: user.id, value: actions[0]?.value ?? '', triggerId, channelId: channel?.id };
}

/**
 * Tells the clicker something only they see, where they clicked; a click with no response URL (a button in a modal
 * or on App Home) is answered in their DM with the bot instead.
 */
export async function tellClicker(args: ButtonArgs, text: string): Promise<void> {
  if (typeof args.respond === 'function' && args.body.response_url) {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => undefined);
    return;
  }
  await args.client.chat.postMessage({ channel: args.body.user.id, text }).catch(() => undefined);
}

/** A click on a message in a thread (the conversational fill's controls): who, where, and what was chosen. */
export function readThreadAction({ body, logger }: ButtonArgs) {
  const parsed = ButtonActionSchema.safeParse(body);
  if (!parsed.success) {
    logger.warn(`Refused a malformed button payload: ${parsed.error.message}`);
    return undefined;
  }
  const { user, team, container, channel, actions, trigger_id: triggerId } = parsed.data;
  const action = actions[0];
  const channelId = container?.channel_id ?? channel?.id;
  const threadTs = container?.thread_ts ?? container?.message_ts;
  if (!action || !channelId || !threadTs) return undefined;
  return {
    userId: user.id,
    teamId: team?.id ?? user.team_id ?? '',
    channelId,
    threadTs,
    triggerId,
    action: {
      actionId: action.action_id,
      blockId: action.block_id,
      value: action.value,
      selected: action.selected_options?.map((o) => o.value) ?? (action.selected_option ? [action.selected_option.value] : []),
    },
  };
}
