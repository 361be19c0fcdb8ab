import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { BotDeps } from '../../bot-deps.js';
import { MessageEventSchema } from '../../payloads.js';
import { routeMessage } from '../../route-message.js';

type Args = (SlackEventMiddlewareArgs<'message'> | SlackEventMiddlewareArgs<'app_mention'>) & AllMiddlewareArgs;

/** `message` and `app_mention` events (a mention arrives as both; Slack also redelivers): routed once per message. */
export function incomingMessage(deps: BotDeps) {
  return async ({ event, body, context, client, logger }: Args): Promise<void> => {
    const parsed = MessageEventSchema.safeParse(event);
    if (!parsed.success) return;
    const teamId = context.teamId ?? (typeof body.team_id === 'string' ? body.team_id : '');
    await routeMessage(deps, parsed.data, { client, logger, botUserId: context.botUserId, teamId });
  };
}
