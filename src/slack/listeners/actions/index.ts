import type { App } from '@slack/bolt';
import { ACTION } from '../../thread/render/action-ids.js';
import type { SlackServices } from '../../services/slack-services.js';
import { OPEN_TASK_ACTION } from '../../replies/command-replies.js';
import { FILL_ACTION, fillActionPattern } from '../../../forms/fill-actions.js';
import { ADD_KNOWLEDGE_ACTION } from '../../knowledge/offer-knowledge.js';
import { BRAND_EXPAND_ACTION } from '../../../forms/brand-summary.js';
import { addKnowledge } from './add-knowledge.js';
import { brandExpand } from './brand-expand.js';
import { cancelRun } from './cancel-run.js';
import { editRerun } from './edit-rerun.js';
import { fillChooseTask } from './fill-choose-task.js';
import { fillControl } from './fill-control.js';
import { fillEdit } from './fill-edit.js';
import { openTask } from './open-task.js';
import { retryPost } from './retry-post.js';
import { retryRun } from './retry-run.js';
import { STYLE_ACTION } from '../../replies/style-rewrite.js';
import { styleResult } from './style-result.js';
import { KEEP_WRITING_ACTION } from '../../replies/keep-writing-button.js';
import { keepWriting } from './keep-writing.js';
import { HISTORY_PAGE_ACTION } from '../../../forms/history-blocks.js';
import { historyPageButton } from './history-page-button.js';

/** What the buttons under runs, conversations, replies and knowledge offers use. */
export type ActionServices = Pick<SlackServices, 'access' | 'brands' | 'catalogue' | 'catalogues' | 'command' | 'fill' | 'pendingRequests' | 'prefs' | 'runs' | 'sessions'>;

export function registerActions(app: App, services: ActionServices): void {
  app.action(ACTION.cancelRun, cancelRun(services));
  const retry = retryRun(services);
  app.action(ACTION.retryRun, retry);
  app.action(ACTION.retryConfirm, retry);
  app.action(ACTION.retryPost, retryPost(services));
  app.action(ACTION.editRerun, editRerun(services));
  app.action(ADD_KNOWLEDGE_ACTION, addKnowledge(services));
  app.action(OPEN_TASK_ACTION, openTask(services));
  app.action(STYLE_ACTION.post, styleResult(services));
  app.action(STYLE_ACTION.discard, styleResult(services));
  app.action(KEEP_WRITING_ACTION, keepWriting(services));
  app.action(BRAND_EXPAND_ACTION, brandExpand(services));
  app.action(new RegExp(`^${HISTORY_PAGE_ACTION.replace('.', '\\.')}\\.\\d+$`), historyPageButton(services));
  const control = fillControl(services);
  for (const action of [FILL_ACTION.pick, FILL_ACTION.select, FILL_ACTION.multi, FILL_ACTION.options, FILL_ACTION.knowledge, FILL_ACTION.skip, FILL_ACTION.back, FILL_ACTION.runNow, FILL_ACTION.confirm, FILL_ACTION.cancel]) {
    app.action(fillActionPattern(action), control);
  }
  app.action(fillActionPattern(FILL_ACTION.edit), fillEdit(services));
  app.action(fillActionPattern(FILL_ACTION.chooseTask), fillChooseTask(services));
}
