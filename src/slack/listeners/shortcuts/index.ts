import type { App } from '@slack/bolt';
import type { BotDeps } from '../../bot-deps.js';
import { ADD_KNOWLEDGE_SHORTCUT, addKnowledgeShortcut } from './add-knowledge-shortcut.js';

export function registerShortcuts(app: App, deps: BotDeps): void {
  app.shortcut({ type: 'message_action', callback_id: ADD_KNOWLEDGE_SHORTCUT }, addKnowledgeShortcut(deps));
}
