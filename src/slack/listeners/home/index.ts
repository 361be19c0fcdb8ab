import type { App } from '@slack/bolt';
import { HOME_ACTION } from '../../../forms/home-view.js';
import type { SlackServices } from '../../services/slack-services.js';
import { homeAction } from './home-actions.js';
import { homeOpened } from './home-opened.js';

/** What the Home tab and its buttons use. */
export type HomeServices = Pick<SlackServices, 'access' | 'brands' | 'catalogue' | 'catalogues' | 'command' | 'prefs' | 'sessions' | 'toneAdmins'>;

export function registerHome(app: App, services: HomeServices): void {
  app.event('app_home_opened', homeOpened(services));
  const action = homeAction(services);
  for (const id of Object.values(HOME_ACTION)) app.action(id, action);
}
