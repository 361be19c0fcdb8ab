import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { BotDeps } from '../../bot-deps.js';
import { INITIAL_HOME, publishHome } from '../../home/publish-home.js';

type Args = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

const HomeOpenedSchema = z.object({ user: z.string().min(1), tab: z.string().optional() });

/** Opening the Home tab publishes the catalogue, recent runs, settings and usage. */
export function homeOpened(deps: BotDeps) {
  return async ({ event, client, logger }: Args): Promise<void> => {
    const parsed = HomeOpenedSchema.safeParse(event);
    if (!parsed.success || (parsed.data.tab && parsed.data.tab !== 'home')) return;
    await publishHome(deps, client, logger, parsed.data.user, INITIAL_HOME).catch((error: unknown) => logger.error(`Could not publish Home: ${String(error)}`));
  };
}
