import type { Logger } from '@slack/logger';
import type { WebClient } from '@slack/web-api';
import { taskNamedIn } from '../../catalogue/closest-tasks.js';
import { addressIn, type CombinedCatalogue } from '../../catalogue/combined-catalogue.js';
import { startFill, type FillEffect, type FillEvent, type FillState } from '../../conversation/index.js';
import { parseCommandText } from '../../inputs/command-text.js';
import { buildExtractionPrompt, parseExtraction } from '../../inputs/extract-values.js';
import {
  acknowledgement,
  renderClosedQuestion,
  renderFillEffect,
  renderNoTask,
  renderSummary,
  renderTaskChoices,
  type TaskNaming,
  type FillMessage,
  type SummaryMode,
  withLead,
} from '../../forms/fill-prompts.js';
import { prefillFromPairs } from '../../inputs/prefill.js';
import type { BrandSettings, InputField, InputValue, InputValues, TaskDefinition } from '../../providers/types.js';
import { upstreamUnavailable, type FailingAgent } from '../replies/upstream-unavailable.js';
import type { ThreadRuns } from '../thread/thread-runs.js';
import type { Conversation, ConversationRepository } from '../../store/conversation-repository.js';
import { applyPending, closesPrompt, type ActorEffect, type AppliedPending } from './apply-pending.js';

export interface FillThread {
  channelId: string;
  threadTs: string;
  teamId: string;
  userId: string;
}

export interface FillFlowOptions {
  client: WebClient;
  conversations: ConversationRepository;
  /** Every provider's tasks: what a mention names is looked up and suggested from all of them. */
  catalogue: CombinedCatalogue;
  /** The slash command, for the hints the conversation gives. */
  command: string;
  runs: ThreadRuns;
  logger: Logger;
  /** Ask the agent to pre-fill inputs from free text (`EXTRACT_INPUTS`). */
  extractInputs: boolean;
  /** How long the extraction may take before the bot just asks. */
  extractionDeadlineMs?: number;
  /** Brand defaults (channel first, then the user's) that a conversation's run uses. */
  prefs: { effectiveDefaults(userId: string, channelId: string): Promise<BrandSettings> };
  /** How long an answer waits for others sent with it before the pending ones are applied (default 200 ms). */
  gatherMs?: number;
}

/**
 * The conversational fill, between Slack and the pure state machine: steps a thread's state atomically in the store,
 * then says what the machine decided in the thread, and starts the run once the user confirms.
 */
export class FillFlow {
  constructor(private readonly options: FillFlowOptions) {}

  /** A mention, DM or `/jasper chat`: works out the task (named, or read from free text) and asks the first question. */
  async begin(thread: FillThread, text: string): Promise<void> {
    const { catalogue } = this.options;
    const parsed = parseCommandText(text);
    const explicit = parsed.ok && ['run', 'chat'].includes(parsed.verb) ? parsed.positional[0] : undefined;
    if (explicit && parsed.ok) {
      const lookup = await catalogue.find(explicit);
      if (lookup.kind === 'found') return this.beginWithTask(thread, lookup.task, prefillFromPairs(lookup.task, parsed.pairs));
      if (lookup.kind === 'missing') {
        await this.post(thread, lookup.suggestions.length ? renderTaskChoices(lookup.suggestions, explicit, await this.naming()) : renderNoTask(this.options));
        return;
      }
      await this.post(thread, unavailable(lookup.provider, lookup.error));
      return;
    }

    let tasks: TaskDefinition[];
    try {
      tasks = await catalogue.tasks();
    } catch (error) {
      await this.post(thread, unavailable(catalogue.first, error));
      return;
    }
    const task = taskNamedIn(tasks, text);
    if (!task) {
      const suggestions = await catalogue.search(text.split(/\s+/).slice(0, 3).join(' ')).catch(() => []);
      await this.post(thread, suggestions.length ? renderTaskChoices(suggestions.slice(0, 5), text, { command: this.options.command, address: (t) => addressIn(tasks, t) }) : renderNoTask(this.options));
      return;
    }
    const pairs = parsed.ok ? parsed.pairs : {};
    const fromPairs = prefillFromPairs(task, pairs);
    const extracted = await this.extract(task, text);
    return this.beginWithTask(thread, task, { values: { ...extracted, ...fromPairs.values }, notes: fromPairs.notes });
  }

  /** Starts filling `task` in the thread (a task picked from suggestions, or named). */
  async beginWithTask(thread: FillThread, task: TaskDefinition, prefill: { values: InputValues; notes: string[] }): Promise<void> {
    let effects: FillEffect[] = [];
    const saved = await this.options.conversations.change(thread.channelId, thread.threadTs, (current) => {
      if (current && isOpen(current)) return undefined;
      const step = startFill(task, thread.userId, prefill.values);
      effects = step.effects;
      const now = Date.now();
      // A new rev past the old conversation's: a late write of its question's message must not land on this one.
      return { channelId: thread.channelId, threadTs: thread.threadTs, teamId: thread.teamId, state: step.state, rev: (current?.rev ?? 0) + 1, pending: [], createdAt: now, updatedAt: now };
    });
    if (!saved) {
      await this.post(thread, { placement: 'post', text: 'We are already filling in a task in this thread: answer the question above, or say "cancel".', blocks: [] });
      return;
    }
    for (const note of prefill.notes) await this.post(thread, { placement: 'post', text: note, blocks: [] });
    await this.perform(saved, task, { effects: effects.map((effect) => ({ effect, actorId: thread.userId, by: 'start' as const })) });
  }

  /**
   * An event in a thread that may hold a conversation (or a reader that makes it from the task, for controls whose
   * values need the task to be read); `ts` is when the person sent it (the message's ts, or the click's `action_ts`).
   * Resolves false when the thread holds no conversation that is still open (the caller then treats the message as
   * something else, e.g. a follow-up to a run).
   *
   * Any replica may get any event. Each is first added to the conversation's pending events; after a short gather
   * window (answers sent together are then all there), one atomic step applies every pending event in ts order, and
   * only the replica whose step was saved says what happened. Others find nothing pending and say nothing.
   */
  async handle(channelId: string, threadTs: string, eventOrReader: FillEvent | ((task: TaskDefinition) => FillEvent), ts: string): Promise<boolean> {
    const { conversations } = this.options;
    const current = await conversations.get(channelId, threadTs);
    if (!current) return false;
    const isText = typeof eventOrReader !== 'function' && eventOrReader.type === 'text';
    if (isText && !isOpen(current)) return false;
    const event = typeof eventOrReader === 'function' ? eventOrReader(await this.task(current.state)) : eventOrReader;
    const accepted = await conversations.enqueue(channelId, threadTs, { ts, event }, (latest) => !isText || isOpen(latest));
    if (!accepted) return false;
    await new Promise((resolve) => setTimeout(resolve, this.options.gatherMs ?? 200));
    await this.drain(channelId, threadTs);
    return true;
  }

  /** The conversation in a thread, for surfaces that need its values (Edit opens the form with them). */
  get(channelId: string, threadTs: string): Promise<Conversation | undefined> {
    return this.options.conversations.get(channelId, threadTs);
  }

  /**
   * The form opened from the summary was submitted with `values`: the conversation is over, the run happens in its
   * thread, and the summary (or question) still open in the thread says so instead of offering its buttons.
   */
  async closeForRun(task: TaskDefinition, channelId: string, threadTs: string, values: InputValues): Promise<void> {
    let before: Conversation | undefined;
    const saved = await this.options.conversations.change(channelId, threadTs, (current) => {
      before = current;
      if (!current) return undefined;
      const { asking: _asking, ...rest } = current.state;
      return { ...current, state: { ...rest, phase: 'running' }, rev: current.rev + 1, promptTs: undefined, promptLead: undefined };
    });
    if (!saved || !before?.promptTs) return;
    await this.closePrompt(saved, before.promptTs, closedPrompt(task, before.state, { type: 'run', values }, 'confirm'), before.promptLead);
  }

  /** Applies whatever is pending, if anything, and carries out what the machine decided. */
  private async drain(channelId: string, threadTs: string): Promise<void> {
    const { conversations } = this.options;
    // Twice at most: once more if the thread started another task while that task's definition was being read.
    for (let attempt = 0; attempt < 2; attempt++) {
      const current = await conversations.get(channelId, threadTs);
      if (!current || current.pending.length === 0) return;
      const task = await this.task(current.state);
      let applied: AppliedPending | undefined;
      const saved = await conversations.change(channelId, threadTs, (latest) => {
        applied = latest && latest.pending.length > 0 && latest.state.taskId === task.id && latest.state.provider === task.provider ? applyPending(task, latest) : undefined;
        return applied?.conversation;
      });
      if (saved && applied) return this.perform(saved, task, applied);
    }
  }

  /**
   * Says (and does) what the machine decided, after its new state was saved: a process that dies after asking finds
   * the question it asked. The message that held the open prompt is closed first (the question stays, its controls
   * become what happened), typed answers are acknowledged at the top of the next prompt, and the new prompt's message is
   * recorded, unless a later step was saved meanwhile.
   */
  private async perform(saved: Conversation, task: TaskDefinition, plan: { effects: ActorEffect[]; promptTs?: string; promptLead?: string; before?: FillState }): Promise<void> {
    let openPrompt = plan.promptTs;
    let newPrompt: string | undefined;
    let newLead = '';
    const taken: Array<{ field: InputField; value: InputValue }> = [];
    for (const { effect, actorId, by } of plan.effects) {
      if (openPrompt && plan.before && closesPrompt(plan.before, effect)) {
        await this.closePrompt(saved, openPrompt, closedPrompt(task, plan.before, effect, by), plan.promptLead);
        openPrompt = undefined;
      }
      if (effect.type === 'run') {
        await this.startRun(saved, task, effect.values);
        continue;
      }
      if (effect.type === 'recorded') {
        if (by === 'text' && effect.value !== null) taken.push({ field: effect.field, value: effect.value });
        continue;
      }
      const rendered = renderFillEffect(task, effect);
      if (!rendered) continue;
      const isPrompt = effect.type === 'ask' || effect.type === 'clarify' || effect.type === 'summary';
      const lead = isPrompt ? acknowledgement(taken.splice(0)) : '';
      const message = isPrompt ? withLead(rendered, lead) : rendered;
      const ts = await this.post({ channelId: saved.channelId, threadTs: saved.threadTs, teamId: saved.teamId, userId: actorId }, message);
      if (isPrompt) {
        newPrompt = ts;
        newLead = lead;
      }
    }
    if (newPrompt) await this.options.conversations.setPromptTs(saved.channelId, saved.threadTs, saved.rev, newPrompt, newLead);
  }

  /**
   * Edits a prompt's message into its closed form, keeping the line it opened with ("Got it: …": the earlier answer
   * stays acknowledged); a failure leaves the old message as it was (logged).
   */
  private async closePrompt(saved: Conversation, ts: string, closed: FillMessage | undefined, lead = ''): Promise<void> {
    if (!closed) return;
    const message = withLead(closed, lead);
    await this.options.client.chat
      .update({ channel: saved.channelId, ts, text: message.text, blocks: message.blocks })
      .catch((error: unknown) => this.options.logger.warn(`Could not close an answered question: ${String(error)}`));
  }

  private async startRun(conversation: Conversation, task: TaskDefinition, values: InputValues): Promise<void> {
    const { channelId, threadTs, teamId } = conversation;
    const userId = conversation.state.ownerId;
    const brand = await this.options.prefs.effectiveDefaults(userId, channelId).catch(() => ({}));
    const result = await this.options.runs.start({ task, values, brand, teamId, userId, channelId, threadTs });
    if (!result.ok) {
      await this.post({ channelId, threadTs, teamId, userId: conversation.state.ownerId }, {
        placement: 'post',
        text: `I couldn't start the run here (${result.slackError}). Please try again.`,
        blocks: [],
      });
    }
  }

  /** Pre-filled values read from free text by the agent; nothing when switched off, slow, failing or unreadable. */
  private async extract(task: TaskDefinition, text: string): Promise<InputValues> {
    // The task's own provider reads the text when it can; otherwise the first that completes free text.
    const { catalogue } = this.options;
    const completion = catalogue.providerOf(task).completion ?? catalogue.firstWith('completion')?.completion;
    if (!this.options.extractInputs || !completion) return {};
    try {
      const answer = await completion.complete(buildExtractionPrompt(task, text), AbortSignal.timeout(this.options.extractionDeadlineMs ?? 8_000));
      return parseExtraction(task, answer)?.values ?? {};
    } catch (error) {
      this.options.logger.info(`Input extraction skipped: ${error instanceof Error ? error.message : String(error)}`);
      return {};
    }
  }

  private task(state: FillState): Promise<TaskDefinition> {
    return this.options.catalogue.get(state.provider, state.taskId);
  }

  /** Suggested tasks are named by the address that finds them among every provider's tasks. */
  private async naming(): Promise<TaskNaming> {
    const tasks = await this.options.catalogue.tasks().catch(() => []);
    return { command: this.options.command, address: (task) => addressIn(tasks, task) };
  }

  /** Posts in the thread (or to the actor only); resolves with the posted message's ts. */
  private async post(thread: FillThread, message: FillMessage): Promise<string | undefined> {
    const { client } = this.options;
    const content = message.blocks.length > 0 ? { text: message.text, blocks: message.blocks } : { text: message.text };
    if (message.placement === 'ephemeral') {
      await client.chat.postEphemeral({ channel: thread.channelId, thread_ts: thread.threadTs, user: thread.userId, ...content });
      return undefined;
    }
    const posted = await client.chat.postMessage({ channel: thread.channelId, thread_ts: thread.threadTs, ...content });
    return posted.ts;
  }
}

/** The closed form of the prompt shown for `before`, once `effect` ended it; undefined when there is nothing to show. */
function closedPrompt(task: TaskDefinition, before: FillState, effect: FillEffect, by: ActorEffect['by']): FillMessage | undefined {
  if (before.phase === 'confirming') {
    const mode: SummaryMode = effect.type === 'run' ? 'started' : effect.type === 'cancelled' ? 'cancelled' : 'superseded';
    return renderSummary(task, { values: effect.type === 'run' ? effect.values : before.values, skipped: before.skipped }, mode);
  }
  const field = task.inputs.find((f) => f.id === before.asking);
  if (!field) return undefined;
  if (effect.type !== 'recorded') return renderClosedQuestion(field, { kind: 'left' });
  if (effect.value === null) return renderClosedQuestion(field, { kind: 'skipped' });
  return renderClosedQuestion(field, by === 'text' ? { kind: 'typed' } : { kind: 'picked', value: effect.value });
}

const isOpen = (conversation: Conversation) => conversation.state.phase === 'asking' || conversation.state.phase === 'confirming';

function unavailable(agent: FailingAgent, error: unknown): FillMessage {
  return { placement: 'post', text: upstreamUnavailable(error, agent, 'look up its tasks'), blocks: [] };
}
