import type { WebClient } from '@slack/web-api';
import { brandBlocks } from '../forms/brand-section.js';
import { prefillFromPairs } from '../forms/prefill.js';
import { buildTaskModal } from '../forms/task-modal.js';
import { encodeRunMetadata } from '../forms/view-metadata.js';
import type { BrandSettings, InputValues, TaskDefinition } from '../providers/types.js';
import type { BotDeps } from './bot-deps.js';

export interface OpenTaskModal {
  task: TaskDefinition;
  triggerId: string;
  /** Where the run goes (the channel the command or button came from). */
  channelId: string;
  userId: string;
  /** `name=value` pairs typed with the command. */
  pairs?: Record<string, string>;
  /** Values already known (a conversation's answers, or a session's inputs). */
  values?: InputValues;
  extraText?: string;
  /** The brand to pre-set; the channel's, then the user's, defaults otherwise. */
  brand?: BrandSettings;
  /** The run goes in this existing thread (a conversation's Edit). */
  threadTs?: string;
  /** The form re-runs this session (Edit inputs & run again). */
  sessionId?: string;
}

/**
 * Opens the task's form: its inputs pre-filled (what could not be used is said at the top), then the optional Brand
 * section pre-set from the defaults. The brand lists come from a cache and never hold the form past Slack's 3 s.
 */
export async function openTaskModal(deps: BotDeps, client: WebClient, args: OpenTaskModal): Promise<void> {
  const { values, notes } = args.pairs ? prefillFromPairs(args.task, args.pairs) : { values: args.values ?? {}, notes: [] };
  const brands = deps.brands.get(args.task.provider);
  const [lists, preset] = await Promise.all([
    brands?.options(),
    args.brand ?? deps.prefs.effectiveDefaults(args.userId, args.channelId).catch(() => ({})),
  ]);
  const knowledge = args.brand?.knowledgeIds?.length && brands ? await brands.allKnowledge() : [];
  const trailing = lists
    ? brandBlocks(lists, preset, { knowledge: Boolean(brands?.provider.searchKnowledge), knowledgeItems: knowledge.filter((k) => args.brand?.knowledgeIds?.includes(k.id)) })
    : [];
  const metadata = encodeRunMetadata({
    provider: args.task.provider,
    taskId: args.task.id,
    channelId: args.channelId,
    userId: args.userId,
    ...(args.threadTs ? { threadTs: args.threadTs } : {}),
    ...(args.sessionId ? { sessionId: args.sessionId } : {}),
  });
  await client.views.open({ trigger_id: args.triggerId, view: buildTaskModal({ task: args.task, values, notes, extraText: args.extraText, metadata, trailing }) });
}
