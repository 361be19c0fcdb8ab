import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { INITIAL_HOME, publishHome, type HomeViewServices } from '../../home/publish-home.js';

type Args = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

const HomeOpenedSchema = z.object({ user: z.string().min(1), tab: z.string().optional() });

/** Opening the Home tab publishes the catalogue, recent runs, settings and usage. */
export function homeOpened(services: HomeViewServices) {
  return async ({ event, client, logger }: Args): Promise<void> => {
    const parsed = HomeOpenedSchema.safeParse(event);
    if (!parsed.success || (parsed.data.tab && parsed.data.tab !== 'home')) return;
    await publishHome(services, client, logger, parsed.data.user, INITIAL_HOME).catch((error: unknown) => logger.error(`Could not publish Home: ${String(error)}`));
  };
}
