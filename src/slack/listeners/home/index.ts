import type { App } from '@slack/bolt';
import { HOME_ACTION } from '../../../forms/home-view.js';
import type { BotDeps } from '../../bot-deps.js';
import { homeAction } from './home-actions.js';
import { homeOpened } from './home-opened.js';

export function registerHome(app: App, deps: BotDeps): void {
  app.event('app_home_opened', homeOpened(deps));
  const action = homeAction(deps);
  for (const id of Object.values(HOME_ACTION)) app.action(id, action);
}
