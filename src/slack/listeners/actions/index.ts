import type { App } from '@slack/bolt';
import { ACTION } from '../../../runs/render/action-ids.js';
import type { BotDeps } from '../../bot-deps.js';
import { OPEN_TASK_ACTION } from '../../replies/command-replies.js';
import { cancelRun } from './cancel-run.js';
import { openTask } from './open-task.js';
import { retryPost } from './retry-post.js';
import { retryRun } from './retry-run.js';

export function registerActions(app: App, deps: BotDeps): void {
  app.action(ACTION.cancelRun, cancelRun(deps));
  app.action(ACTION.retryRun, retryRun(deps));
  app.action(ACTION.retryPost, retryPost(deps));
  app.action(OPEN_TASK_ACTION, openTask(deps));
}
