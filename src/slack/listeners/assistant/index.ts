import { Assistant, type App } from '@slack/bolt';
import type { SlackServices } from '../../services/slack-services.js';
import { MessageEventSchema } from '../../payloads.js';
import { routeMessage } from '../../route-message.js';
import { suggestedPrompts } from './suggested-prompts.js';

/** What the assistant pane uses: suggested prompts, and routing a message. */
export type AssistantServices = Pick<SlackServices, 'catalogue' | 'claims' | 'fill' | 'runs' | 'sessions' | 'usage'>;

/**
 * Slack's assistant pane: a greeting with suggested prompts from the task catalogue (most used first), a status while
 * the bot works, and the same conversation as a mention, in the pane's thread.
 */
export function registerAssistant(app: App, services: AssistantServices): void {
  app.assistant(
    new Assistant({
      threadStarted: async ({ say, setSuggestedPrompts, logger }) => {
        await say(`Hi! Tell me what you need, e.g. "a blog post about our Q3 launch", or pick a task below. I'll ask for anything that's missing.`);
        try {
          const prompts = await suggestedPrompts(services);
          if (prompts.length > 0) await setSuggestedPrompts({ prompts, title: 'Popular tasks' });
        } catch (error) {
          logger.warn(`Could not suggest prompts: ${String(error)}`);
        }
      },
      // The bot keeps no per-thread context from the pane (it does not read the channel the user is viewing).
      threadContextChanged: async () => undefined,
      userMessage: async ({ message, context, client, logger, setStatus }) => {
        const parsed = MessageEventSchema.safeParse(message);
        if (!parsed.success) return;
        await setStatus('is working on it…').catch(() => undefined);
        try {
          await routeMessage(services, parsed.data, { client, logger, botUserId: context.botUserId, teamId: context.teamId ?? '' });
        } finally {
          // The bot has answered (a question, the run's card, or why not): the status must not linger for two minutes.
          await setStatus('').catch(() => undefined);
        }
      },
    }),
  );
}
