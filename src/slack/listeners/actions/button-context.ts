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

/** Tells the clicker something only they see, where they clicked. */
export async function tellClicker(args: ButtonArgs, text: string): Promise<void> {
  await args.respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => undefined);
}
