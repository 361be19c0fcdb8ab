import { stepFill, type FillEffect, type FillEvent, type FillState } from '../../conversation/index.js';
import type { TaskDefinition } from '../../providers/types.js';
import type { Conversation } from '../../store/conversation-repository.js';

/** An effect to carry out, who caused it (an ephemeral note goes to them), and how (a typed reply, a click, the start). */
export interface ActorEffect {
  effect: FillEffect;
  actorId: string;
  by: FillEvent['type'] | 'start';
}

export interface AppliedPending {
  /** The record to save: every pending event applied, none left pending. */
  conversation: Conversation;
  effects: ActorEffect[];
  /** The open question's (or summary's) message before these steps, and the state it was shown for. */
  promptTs?: string;
  /** The line that message opened with, kept when it is closed. */
  promptLead?: string;
  before: FillState;
}

const PROMPTS = new Set<FillEffect['type']>(['ask', 'clarify', 'summary']);
const ENDINGS = new Set<FillEffect['type']>(['cancelled', 'run']);

/**
 * Applies the pending events of a conversation in the order the person made them (Slack ts), one machine step each.
 * Pure. A question or summary that a later event of the same batch already answered is not shown: the last one is.
 */
export function applyPending(task: TaskDefinition, conversation: Conversation): AppliedPending {
  const ordered = [...conversation.pending].sort((a, b) => compareTs(a.ts, b.ts));
  let state = conversation.state;
  const steps: ActorEffect[][] = [];
  for (const { event } of ordered) {
    const step = stepFill(task, state, event);
    state = step.state;
    steps.push(step.effects.map((effect) => ({ effect, actorId: event.userId, by: event.type })));
  }
  const effects = steps.flatMap((step, index) => {
    const superseded = steps.slice(index + 1).some((later) => later.some(({ effect }) => PROMPTS.has(effect.type) || ENDINGS.has(effect.type)));
    return superseded ? step.filter(({ effect }) => !PROMPTS.has(effect.type)) : step;
  });
  // The prompt's message is closed (its controls give way to what happened) and then no longer holds the open question.
  const closed = effects.some(({ effect }) => closesPrompt(conversation.state, effect));
  return {
    conversation: {
      ...conversation,
      state,
      pending: [],
      rev: conversation.rev + 1,
      promptTs: closed ? undefined : conversation.promptTs,
      promptLead: closed ? undefined : conversation.promptLead,
    },
    effects,
    promptTs: conversation.promptTs,
    promptLead: conversation.promptLead,
    before: conversation.state,
  };
}

/**
 * Whether `effect` ends what the prompt shown for `before` asked: its question was answered or skipped, another
 * question or summary replaces it, or the conversation ran or was cancelled. Notes (a reason, "which input?") do not.
 */
export function closesPrompt(before: FillState, effect: FillEffect): boolean {
  if (before.phase !== 'asking' && before.phase !== 'confirming') return false;
  switch (effect.type) {
    case 'recorded':
      return before.phase === 'asking' && effect.field.id === before.asking;
    case 'ask':
    case 'clarify':
    case 'summary':
    case 'run':
    case 'cancelled':
      return true;
    default:
      return false;
  }
}

/** Orders Slack timestamps ("1700000000.000100"): seconds, then the fraction digit by digit. */
export function compareTs(a: string, b: string): number {
  const [aSeconds = '', aFraction = ''] = a.split('.');
  const [bSeconds = '', bFraction = ''] = b.split('.');
  const bySeconds = Number(aSeconds) - Number(bSeconds);
  if (bySeconds !== 0) return bySeconds;
  const width = Math.max(aFraction.length, bFraction.length);
  const [x, y] = [aFraction.padEnd(width, '0'), bFraction.padEnd(width, '0')];
  return x < y ? -1 : x > y ? 1 : 0;
}
