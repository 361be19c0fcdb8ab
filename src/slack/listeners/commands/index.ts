import type { App } from '@slack/bolt';
import type { BotDeps } from '../../bot-deps.js';
import { jasperCommand } from './jasper-command.js';

export function registerCommands(app: App, deps: BotDeps): void {
  app.command(deps.command, jasperCommand(deps));
}
