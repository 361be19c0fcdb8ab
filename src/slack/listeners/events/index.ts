import type { App } from '@slack/bolt';
import type { SlackServices } from '../../services/slack-services.js';
import { incomingMessage } from './incoming-message.js';

/** What the message and mention events use (routing a message). */
export type EventServices = Pick<SlackServices, 'catalogue' | 'claims' | 'fill' | 'runs' | 'sessions'>;

export function registerEvents(app: App, services: EventServices): void {
  const handler = incomingMessage(services);
  app.event('message', handler);
  app.event('app_mention', handler);
}
