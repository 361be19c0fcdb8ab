import type { App } from '@slack/bolt';
import type { SlackServices } from '../services/slack-services.js';
import { registerActions } from './actions/index.js';
import { registerAssistant } from './assistant/index.js';
import { registerCommands } from './commands/index.js';
import { registerEvents } from './events/index.js';
import { registerHome } from './home/index.js';
import { registerShortcuts } from './shortcuts/index.js';
import { registerOptions } from './options/index.js';
import { registerViews } from './views/index.js';

export function registerListeners(app: App, services: SlackServices): void {
  registerCommands(app, services);
  registerViews(app, services);
  registerActions(app, services);
  registerOptions(app, services);
  registerAssistant(app, services);
  registerEvents(app, services);
  registerHome(app, services);
  registerShortcuts(app, services);
}
