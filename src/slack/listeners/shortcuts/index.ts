import type { App } from '@slack/bolt';
import type { SlackServices } from '../../services/slack-services.js';
import { ADD_KNOWLEDGE_SHORTCUT, addKnowledgeShortcut } from './add-knowledge-shortcut.js';
import { APPLY_STYLE_SHORTCUT, applyStyleShortcut } from './apply-style-shortcut.js';
import { ASK_SHORTCUT, askJasperShortcut } from './ask-jasper-shortcut.js';
import { REMOVE_BACKGROUND_SHORTCUT, removeBackgroundShortcut } from './remove-background-shortcut.js';

/** What the message shortcuts use. */
export type ShortcutServices = Pick<SlackServices, 'brands' | 'catalogue' | 'pendingRequests'>;

export function registerShortcuts(app: App, services: ShortcutServices): void {
  app.shortcut({ type: 'message_action', callback_id: ADD_KNOWLEDGE_SHORTCUT }, addKnowledgeShortcut(services));
  app.shortcut({ type: 'message_action', callback_id: ASK_SHORTCUT }, askJasperShortcut(services));
  app.shortcut({ type: 'message_action', callback_id: APPLY_STYLE_SHORTCUT }, applyStyleShortcut(services));
  app.shortcut({ type: 'message_action', callback_id: REMOVE_BACKGROUND_SHORTCUT }, removeBackgroundShortcut(services));
}
