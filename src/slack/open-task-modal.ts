import type { WebClient } from '@slack/web-api';
import { prefillFromPairs } from '../forms/prefill.js';
import { buildTaskModal } from '../forms/task-modal.js';
import { encodeRunMetadata } from '../forms/view-metadata.js';
import type { TaskDefinition } from '../providers/types.js';

export interface OpenTaskModal {
  task: TaskDefinition;
  triggerId: string;
  channelId: string;
  userId: string;
  pairs?: Record<string, string>;
}

/** Opens the task's form, pre-filled from `name=value` pairs; what could not be used is said at the top of the form. */
export async function openTaskModal(client: WebClient, args: OpenTaskModal): Promise<void> {
  const { values, notes } = prefillFromPairs(args.task, args.pairs ?? {});
  const metadata = encodeRunMetadata({ provider: args.task.provider, taskId: args.task.id, channelId: args.channelId, userId: args.userId });
  await client.views.open({ trigger_id: args.triggerId, view: buildTaskModal({ task: args.task, values, notes, metadata }) });
}
