import type { PlainTextOption } from '@slack/types';
import type { KnowledgeItem } from '../providers/types.js';
import { OPTION_TEXT, OPTION_VALUE, STATIC_SELECT_OPTIONS, truncate } from './limits.js';
import { rankOptions } from '../inputs/match-option.js';

/** An option whose value is always set (Slack's type leaves it optional). */
export type ValuedOption = PlainTextOption & { value: string };

function plainOption(text: string, value: string): ValuedOption {
  // Slack refuses an option with empty text.
  return { text: { type: 'plain_text', text: truncate(text, OPTION_TEXT) || '(blank)', emoji: true }, value };
}

/**
 * An option of a task input: its value is the option's index, because option texts can be longer than the 150
 * characters an option value holds. `readSubmission` maps the index back to the text.
 */
export function indexOption(text: string, index: number): ValuedOption {
  return plainOption(text, String(index));
}

/** An option for a knowledge item: the value is the item's id. */
export function knowledgeOption(item: KnowledgeItem): ValuedOption {
  return plainOption(item.name || item.id, item.id);
}

/** Options for an external select's `block_suggestion`: exact and prefix matches first, then substring matches. */
export function optionsForQuery(
  options: readonly string[],
  query: string,
  limit = STATIC_SELECT_OPTIONS,
): ValuedOption[] {
  return rankOptions(options, query)
    .flat()
    .slice(0, Math.min(limit, STATIC_SELECT_OPTIONS))
    .map((index) => indexOption(options[index] as string, index));
}

/** Options for a knowledge picker, ranked by name like `optionsForQuery`; ids too long for a value are left out. */
export function knowledgeOptions(
  items: readonly KnowledgeItem[],
  query: string,
  limit = STATIC_SELECT_OPTIONS,
): ValuedOption[] {
  const usable = [...new Map(items.filter((i) => i.id.length <= OPTION_VALUE).map((i) => [i.id, i])).values()];
  return rankOptions(
    usable.map((i) => i.name),
    query,
  )
    .flat()
    .slice(0, Math.min(limit, STATIC_SELECT_OPTIONS))
    .map((index) => knowledgeOption(usable[index] as KnowledgeItem));
}
