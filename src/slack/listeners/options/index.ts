import type { App } from '@slack/bolt';
import { KNOWLEDGE_ACTION_ID, OPTIONS_ACTION_ID } from '../../../forms/task-modal.js';
import type { SlackServices } from '../../services/slack-services.js';
import { FILL_ACTION } from '../../../forms/fill-actions.js';
import { BRAND_KNOWLEDGE_ACTION_ID } from '../../../forms/brand-section.js';
import { brandKnowledgeOptions } from './brand-knowledge-options.js';
import { fieldOptions } from './field-options.js';
import { fillOptions } from './fill-options.js';

/** What the external select menus (field options, knowledge search) use. */
export type OptionServices = Pick<SlackServices, 'brands' | 'catalogue' | 'catalogues' | 'fill'>;

export function registerOptions(app: App, services: OptionServices): void {
  app.options({ type: 'block_suggestion', action_id: OPTIONS_ACTION_ID }, fieldOptions(services));
  app.options({ type: 'block_suggestion', action_id: KNOWLEDGE_ACTION_ID }, fieldOptions(services));
  app.options({ type: 'block_suggestion', action_id: FILL_ACTION.options }, fillOptions(services));
  app.options({ type: 'block_suggestion', action_id: FILL_ACTION.knowledge }, fillOptions(services));
  app.options({ type: 'block_suggestion', action_id: BRAND_KNOWLEDGE_ACTION_ID }, brandKnowledgeOptions(services));
}
