import type { App } from '@slack/bolt';
import type { BotDeps } from '../../bot-deps.js';
import { incomingMessage } from './incoming-message.js';

export function registerEvents(app: App, deps: BotDeps): void {
  const handler = incomingMessage(deps);
  app.event('message', handler);
  app.event('app_mention', handler);
}
