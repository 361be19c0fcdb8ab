import type { App } from '@slack/bolt';
import { RUN_TASK_CALLBACK_ID } from '../../../forms/task-modal.js';
import type { BotDeps } from '../../bot-deps.js';
import { CHANNEL_DEFAULTS_CALLBACK, channelDefaultsSubmission } from './channel-defaults-submission.js';
import { KNOWLEDGE_UPLOAD_CALLBACK } from '../../../forms/knowledge-modal.js';
import { knowledgeSubmission } from './knowledge-submission.js';
import { runTaskSubmission } from './run-task-submission.js';

export function registerViews(app: App, deps: BotDeps): void {
  app.view(RUN_TASK_CALLBACK_ID, runTaskSubmission(deps));
  app.view(CHANNEL_DEFAULTS_CALLBACK, channelDefaultsSubmission(deps));
  app.view(KNOWLEDGE_UPLOAD_CALLBACK, knowledgeSubmission(deps));
}
