import type { App } from '@slack/bolt';
import { RUN_TASK_CALLBACK_ID } from '../../../forms/task-modal.js';
import type { SlackServices } from '../../services/slack-services.js';
import { CHANNEL_DEFAULTS_CALLBACK, channelDefaultsSubmission } from './channel-defaults-submission.js';
import { KNOWLEDGE_UPLOAD_CALLBACK } from '../../../forms/knowledge-modal.js';
import { knowledgeSubmission } from './knowledge-submission.js';
import { runTaskSubmission } from './run-task-submission.js';
import { ASK_CALLBACK_ID } from '../../../forms/ask-modal.js';
import { STYLE_CALLBACK_ID } from '../../../forms/style-modal.js';
import { askSubmission } from './ask-submission.js';
import { TONE_CALLBACK_ID, TONE_DELETE_CALLBACK_ID } from '../../../forms/tone-modal.js';
import { toneDeleteSubmission } from './tone-delete-submission.js';
import { toneSubmission } from './tone-submission.js';
import { styleSubmission } from './style-submission.js';

/** What the form submissions use. */
export type ViewServices = Pick<SlackServices, 'access' | 'brands' | 'catalogue' | 'catalogues' | 'channelDefaultsAdmins' | 'command' | 'claims' | 'fill' | 'pendingRequests' | 'prefs' | 'runs' | 'sessions' | 'toneAdmins'>;

export function registerViews(app: App, services: ViewServices): void {
  app.view(RUN_TASK_CALLBACK_ID, runTaskSubmission(services));
  app.view(CHANNEL_DEFAULTS_CALLBACK, channelDefaultsSubmission(services));
  app.view(KNOWLEDGE_UPLOAD_CALLBACK, knowledgeSubmission(services));
  app.view(ASK_CALLBACK_ID, askSubmission(services));
  app.view(STYLE_CALLBACK_ID, styleSubmission(services));
  app.view(TONE_CALLBACK_ID, toneSubmission(services));
  app.view(TONE_DELETE_CALLBACK_ID, toneDeleteSubmission(services));
}
