import type { App } from '@slack/bolt';
import type { BotDeps } from '../../bot-deps.js';
import { threadReply } from './thread-reply.js';

export function registerEvents(app: App, deps: BotDeps): void {
  app.event('message', threadReply(deps));
}
