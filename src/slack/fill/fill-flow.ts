import type { Logger } from '@slack/logger';
import type { WebClient } from '@slack/web-api';
import { taskNamedIn } from '../../catalogue/closest-tasks.js';
import type { TaskCatalogue } from '../../catalogue/task-catalogue.js';
import { startFill, stepFill, type FillEffect, type FillEvent, type FillState } from '../../conversation/index.js';
import { parseCommandText } from '../../forms/command-text.js';
import { buildExtractionPrompt, parseExtraction } from '../../forms/extract-values.js';
import { renderFillEffect, renderNoTask, renderTaskChoices, type FillMessage } from '../../forms/fill-prompts.js';
import { prefillFromPairs } from '../../forms/prefill.js';
import type { BrandSettings, InputValues, TaskDefinition } from '../../providers/types.js';
import type { RunService } from '../../runs/run-service.js';
import type { Conversation, ConversationRepository } from '../../store/conversation-repository.js';

export interface FillThread {
  channelId: string;
  threadTs: string;
  teamId: string;
  userId: string;
}

export interface FillFlowOptions {
  client: WebClient;
  conversations: ConversationRepository;
  catalogue: TaskCatalogue;
  catalogues: ReadonlyMap<string, TaskCatalogue>;
  runs: RunService;
  logger: Logger;
  /** Ask the agent to pre-fill inputs from free text (`EXTRACT_INPUTS`). */
  extractInputs: boolean;
  /** How long the extraction may take before the bot just asks. */
  extractionDeadlineMs?: number;
  /** Brand defaults (channel first, then the user's) that a conversation's run uses. */
  prefs: { effectiveDefaults(userId: string, channelId: string): Promise<BrandSettings> };
}

/**
 * The conversational fill, between Slack and the pure state machine: loads a thread's state, steps it, says what the
 * machine decided in the thread, saves it, and starts the run once the user confirms.
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
        await this.post(thread, lookup.suggestions.length ? renderTaskChoices(lookup.suggestions, explicit) : renderNoTask());
        return;
      }
      await this.post(thread, unavailable(catalogue));
      return;
    }

    let tasks: TaskDefinition[];
    try {
      tasks = await catalogue.tasks();
    } catch {
      await this.post(thread, unavailable(catalogue));
      return;
    }
    const task = taskNamedIn(tasks, text);
    if (!task) {
      const suggestions = await catalogue.search(text.split(/\s+/).slice(0, 3).join(' ')).catch(() => []);
      await this.post(thread, suggestions.length ? renderTaskChoices(suggestions.slice(0, 5), text) : renderNoTask());
      return;
    }
    const pairs = parsed.ok ? parsed.pairs : {};
    const fromPairs = prefillFromPairs(task, pairs);
    const extracted = await this.extract(task, text);
    return this.beginWithTask(thread, task, { values: { ...extracted, ...fromPairs.values }, notes: fromPairs.notes });
  }

  /** Starts filling `task` in the thread (a task picked from suggestions, or named). */
  async beginWithTask(thread: FillThread, task: TaskDefinition, prefill: { values: InputValues; notes: string[] }): Promise<void> {
    await this.options.conversations.withConversation(thread.channelId, thread.threadTs, async (current) => {
      if (current && (current.state.phase === 'asking' || current.state.phase === 'confirming')) {
        await this.post(thread, { placement: 'post', text: 'We are already filling in a task in this thread: answer the question above, or say "cancel".', blocks: [] });
        return { result: undefined };
      }
      for (const note of prefill.notes) await this.post(thread, { placement: 'post', text: note, blocks: [] });
      const { state, effects } = startFill(task, thread.userId, prefill.values);
      const now = Date.now();
      const conversation: Conversation = { channelId: thread.channelId, threadTs: thread.threadTs, teamId: thread.teamId, state, createdAt: now, updatedAt: now };
      return { save: await this.apply(conversation, task, effects, thread.userId), result: undefined };
    });
  }

  /**
   * An event in a thread that may hold a conversation (or a reader that makes it from the task, for controls whose
   * values need the task to be read). Resolves false when it holds none that is still open (the
   * caller then treats the message as something else, e.g. a follow-up to a run).
   */
  handle(channelId: string, threadTs: string, eventOrReader: FillEvent | ((task: TaskDefinition) => FillEvent)): Promise<boolean> {
    return this.options.conversations.withConversation(channelId, threadTs, async (current) => {
      if (!current) return { result: false };
      const task = await this.task(current.state);
      const event = typeof eventOrReader === 'function' ? eventOrReader(task) : eventOrReader;
      if (event.type === 'text' && !['asking', 'confirming'].includes(current.state.phase)) return { result: false };
      const { state, effects } = stepFill(task, current.state, event);
      return { save: await this.apply({ ...current, state }, task, effects, event.userId), result: true };
    });
  }

  /** The conversation in a thread, for surfaces that need its values (Edit opens the form with them). */
  get(channelId: string, threadTs: string): Promise<Conversation | undefined> {
    return this.options.conversations.get(channelId, threadTs);
  }

  /** The form opened from the summary was submitted: the conversation is over, and the run happens in its thread. */
  async closeForRun(channelId: string, threadTs: string): Promise<void> {
    await this.options.conversations.withConversation(channelId, threadTs, async (current) => {
      if (!current) return { result: undefined };
      const { asking: _asking, ...rest } = current.state;
      return { save: { ...current, state: { ...rest, phase: 'running' } }, result: undefined };
    });
  }

  private async apply(conversation: Conversation, task: TaskDefinition, effects: FillEffect[], actorId: string): Promise<Conversation> {
    // Saved before anything is said: a process that dies after asking must find the question it asked.
    await this.options.conversations.save(conversation);
    const thread: FillThread = { channelId: conversation.channelId, threadTs: conversation.threadTs, teamId: conversation.teamId, userId: actorId };
    let next = conversation;
    for (const effect of effects) {
      if (effect.type === 'run') {
        await this.startRun(conversation, task, effect.values);
        continue;
      }
      const message = renderFillEffect(task, effect);
      if (!message) continue;
      if (message.placement === 'replace_prompt' && next.promptTs) {
        await this.options.client.chat
          .update({ channel: thread.channelId, ts: next.promptTs, text: message.text, blocks: message.blocks })
          .catch((error: unknown) => this.options.logger.warn(`Could not replace an answered question: ${String(error)}`));
        next = { ...next, promptTs: undefined };
        continue;
      }
      const ts = await this.post(thread, message);
      if (effect.type === 'ask' || effect.type === 'clarify' || effect.type === 'summary') next = { ...next, promptTs: ts };
    }
    return next;
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
    const provider = this.options.catalogue.provider;
    if (!this.options.extractInputs || !provider.complete) return {};
    try {
      const answer = await provider.complete(buildExtractionPrompt(task, text), AbortSignal.timeout(this.options.extractionDeadlineMs ?? 8_000));
      return parseExtraction(task, answer)?.values ?? {};
    } catch (error) {
      this.options.logger.info(`Input extraction skipped: ${error instanceof Error ? error.message : String(error)}`);
      return {};
    }
  }

  private task(state: FillState): Promise<TaskDefinition> {
    const catalogue = this.options.catalogues.get(state.provider);
    if (!catalogue) throw new Error(`No provider "${state.provider}" is configured`);
    return catalogue.get(state.taskId);
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

function unavailable(catalogue: TaskCatalogue): FillMessage {
  return { placement: 'post', text: `${catalogue.provider.displayName} is not answering right now, so I can't look up its tasks. Try again in a minute.`, blocks: [] };
}
