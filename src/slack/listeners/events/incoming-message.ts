import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { MessageEventSchema } from '../../payloads.js';
import { routeMessage, type MessageServices } from '../../route-message.js';

type Args = (SlackEventMiddlewareArgs<'message'> | SlackEventMiddlewareArgs<'app_mention'>) & AllMiddlewareArgs;

/** `message` and `app_mention` events (a mention arrives as both; Slack also redelivers): routed once per message. */
export function incomingMessage(services: MessageServices) {
  return async ({ event, body, context, client, logger }: Args): Promise<void> => {
    const parsed = MessageEventSchema.safeParse(event);
    if (!parsed.success) return;
    const teamId = context.teamId ?? (typeof body.team_id === 'string' ? body.team_id : '');
    await routeMessage(services, parsed.data, { client, logger, botUserId: context.botUserId, teamId });
  };
}
