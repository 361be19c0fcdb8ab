import type { App } from '@slack/bolt';
import { ACTION } from '../../../runs/render/action-ids.js';
import type { BotDeps } from '../../bot-deps.js';
import { OPEN_TASK_ACTION } from '../../replies/command-replies.js';
import { FILL_ACTION, fillActionPattern } from '../../../forms/fill-actions.js';
import { ADD_KNOWLEDGE_ACTION } from '../../knowledge/offer-knowledge.js';
import { addKnowledge } from './add-knowledge.js';
import { cancelRun } from './cancel-run.js';
import { editRerun } from './edit-rerun.js';
import { fillChooseTask } from './fill-choose-task.js';
import { fillControl } from './fill-control.js';
import { fillEdit } from './fill-edit.js';
import { openTask } from './open-task.js';
import { retryPost } from './retry-post.js';
import { retryRun } from './retry-run.js';

export function registerActions(app: App, deps: BotDeps): void {
  app.action(ACTION.cancelRun, cancelRun(deps));
  app.action(ACTION.retryRun, retryRun(deps));
  app.action(ACTION.retryPost, retryPost(deps));
  app.action(ACTION.editRerun, editRerun(deps));
  app.action(ADD_KNOWLEDGE_ACTION, addKnowledge(deps));
  app.action(OPEN_TASK_ACTION, openTask(deps));
  const control = fillControl(deps);
  for (const action of [FILL_ACTION.pick, FILL_ACTION.select, FILL_ACTION.multi, FILL_ACTION.options, FILL_ACTION.knowledge, FILL_ACTION.skip, FILL_ACTION.back, FILL_ACTION.runNow, FILL_ACTION.confirm, FILL_ACTION.cancel]) {
    app.action(fillActionPattern(action), control);
  }
  app.action(fillActionPattern(FILL_ACTION.edit), fillEdit(deps));
  app.action(fillActionPattern(FILL_ACTION.chooseTask), fillChooseTask(deps));
}
