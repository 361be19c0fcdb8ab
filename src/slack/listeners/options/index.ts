import type { App } from '@slack/bolt';
import { KNOWLEDGE_ACTION_ID, OPTIONS_ACTION_ID } from '../../../forms/task-modal.js';
import type { BotDeps } from '../../bot-deps.js';
import { FILL_ACTION } from '../../../forms/fill-actions.js';
import { BRAND_KNOWLEDGE_ACTION_ID } from '../../../forms/brand-section.js';
import { brandKnowledgeOptions } from './brand-knowledge-options.js';
import { fieldOptions } from './field-options.js';
import { fillOptions } from './fill-options.js';

export function registerOptions(app: App, deps: BotDeps): void {
  app.options({ type: 'block_suggestion', action_id: OPTIONS_ACTION_ID }, fieldOptions(deps));
  app.options({ type: 'block_suggestion', action_id: KNOWLEDGE_ACTION_ID }, fieldOptions(deps));
  app.options({ type: 'block_suggestion', action_id: FILL_ACTION.options }, fillOptions(deps));
  app.options({ type: 'block_suggestion', action_id: FILL_ACTION.knowledge }, fillOptions(deps));
  app.options({ type: 'block_suggestion', action_id: BRAND_KNOWLEDGE_ACTION_ID }, brandKnowledgeOptions(deps));
}
