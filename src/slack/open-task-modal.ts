import type { WebClient } from '@slack/web-api';
import { effectiveKind } from '../inputs/field-kind.js';
import { prefillFromPairs } from '../inputs/prefill.js';
import { buildTaskModal } from '../forms/task-modal.js';
import { encodeRunMetadata } from '../forms/view-metadata.js';
import type { BrandSettings, InputValues, TaskDefinition } from '../providers/types.js';
import type { SlackServices } from './services/slack-services.js';
import { brandSection } from './brand-pickers.js';

/** The brand lists and the defaults that pre-set a task form. */
export type TaskModalServices = Pick<SlackServices, 'brands' | 'prefs'>;

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
 * Opens the task's form: its inputs pre-filled (what could not be used is said at the top), then the Brand settings
 * that will apply (from the defaults) in one line, with a button that shows their pickers. The brand lists come from
 * a cache and never hold the form past Slack's 3 s.
 */
export async function openTaskModal(services: TaskModalServices, client: WebClient, args: OpenTaskModal): Promise<void> {
  const { values, notes } = args.pairs ? prefillFromPairs(args.task, args.pairs) : { values: args.values ?? {}, notes: [] };
  const preset: BrandSettings = args.brand ?? (await services.prefs.effectiveDefaults(args.userId, args.channelId).catch(() => ({})));
  const ownKnowledge = args.task.inputs.some((f) => effectiveKind(f) === 'knowledge');
  // A task with its own knowledge input takes knowledge there only (one picker, not two alike).
  const { knowledgeIds, ...rest } = preset;
  const brand: BrandSettings = ownKnowledge ? rest : { ...rest, ...(knowledgeIds && { knowledgeIds }) };
  const base = {
    provider: args.task.provider,
    taskId: args.task.id,
    channelId: args.channelId,
    userId: args.userId,
    ...(args.threadTs ? { threadTs: args.threadTs } : {}),
    ...(args.sessionId ? { sessionId: args.sessionId } : {}),
  };
  // The brand in one line (the task's inputs first, the pickers one click away) when the form can carry it.
  const collapsed = fitting(() => encodeRunMetadata({ ...base, brand }));
  const metadata = collapsed ?? encodeRunMetadata(base);
  const trailing = await brandSection(services, { provider: args.task.provider, brand, ownKnowledge }, collapsed ? 'summary' : 'pickers');
  await client.views.open({ trigger_id: args.triggerId, view: buildTaskModal({ task: args.task, values, notes, extraText: args.extraText, metadata, trailing }) });
}

/** The encoded metadata, or undefined when it would be over Slack's limit. */
function fitting(encode: () => string): string | undefined {
  try {
    return encode();
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
