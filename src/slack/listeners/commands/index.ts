import type { App } from '@slack/bolt';
import type { SlackServices } from '../../services/slack-services.js';
import { jasperCommand } from './jasper-command.js';

/** What `/jasper` uses. */
export type CommandServices = Pick<SlackServices, 'brands' | 'catalogue' | 'channelDefaultsAdmins' | 'command' | 'fill' | 'prefs'>;

export function registerCommands(app: App, services: CommandServices): void {
  app.command(services.command, jasperCommand(services));
}
