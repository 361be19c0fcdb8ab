import type { App } from '@slack/bolt';
import type { BotDeps } from '../bot-deps.js';
import { registerActions } from './actions/index.js';
import { registerAssistant } from './assistant/index.js';
import { registerCommands } from './commands/index.js';
import { registerEvents } from './events/index.js';
import { registerHome } from './home/index.js';
import { registerShortcuts } from './shortcuts/index.js';
import { registerOptions } from './options/index.js';
import { registerViews } from './views/index.js';

export function registerListeners(app: App, deps: BotDeps): void {
  registerCommands(app, deps);
  registerViews(app, deps);
  registerActions(app, deps);
  registerOptions(app, deps);
  registerAssistant(app, deps);
  registerEvents(app, deps);
  registerHome(app, deps);
  registerShortcuts(app, deps);
}
