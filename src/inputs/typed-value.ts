import type { InputField, InputValue } from '../providers/types.js';
import { CHECKBOX_FALSE, CHECKBOX_TRUE, effectiveKind, splitList, textLimit } from './field-kind.js';
import { formatCount, truncate } from './text.js';
import { VALUE_MAX } from './value-limits.js';
import { checkKindText } from './check-kind.js';
import { matchOption, normaliseForMatch } from './match-option.js';

/** A typed answer read as a field's value, or why it cannot be. Messages are plain text (not mrkdwn) for the user. */
export type TypedValue =
  | { ok: true; value: InputValue }
  | { ok: false; reason: 'ambiguous'; candidates: string[]; message: string }
  | { ok: false; reason: 'unknown_option' | 'too_long' | 'empty' | 'not_typeable' | 'invalid'; message: string };

export type TypedRefusal = Extract<TypedValue, { ok: false }>;

const LISTED = 10;
const ECHO_MAX = 60;
const YES = new Set(['yes', 'y', 'true', 'on', '1']);
const NO = new Set(['no', 'n', 'false', 'off', '0']);

export const EMPTY_MESSAGE = 'That was empty: type your answer.';
export const NOT_TYPEABLE_MESSAGE = 'Pick items from the menu.';

/** "A, B, C" or, past `max`, "A, B, … J and 20 more". */
export function listBrief(items: readonly string[], max = LISTED): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** The user's words, quoted and kept short, for echoing back in a message. */
function echo(text: string): string {
  return `"${truncate(text.replace(/\s+/g, ' ').trim(), ECHO_MAX)}"`;
}

export function tooLongMessage(limit: number, length: number): string {
  return `Keep it under ${formatCount(limit)} characters (this one is ${formatCount(length)}).`;
}

/** One option from typed text ("medium" -> "Medium (800-1500 words)"). */
export function matchTypedOption(options: readonly string[], text: string, several = false): TypedValue {
  const match = matchOption(options, text);
  if (match.kind === 'match') return { ok: true, value: match.value };
  if (match.kind === 'ambiguous') {
    const next = several ? 'type more of it.' : 'which one?';
    const message = `${echo(text)} matches more than one option (${listBrief(match.candidates)}): ${next}`;
    return { ok: false, reason: 'ambiguous', candidates: match.candidates, message };
  }
  const how = several ? 'Type them separated by commas, or pick them from the menu.' : 'Type one, or pick it from the menu.';
  const message = `Couldn't match ${echo(text)} to an option. The options: ${listBrief(options)}. ${how}`;
  return { ok: false, reason: 'unknown_option', message };
}

/** The items of a typed list of options; the whole text is one item when it names an option that holds a comma. */
export function optionItems(options: readonly string[], text: string): string[] {
  const whole = matchOption(options, text);
  const isOne = whole.kind === 'match' && normaliseForMatch(whole.value) === normaliseForMatch(text);
  return isOne ? [text.trim()] : splitList(text);
}

function parseOptions(options: readonly string[], text: string): TypedValue {
  const picked: string[] = [];
  for (const item of optionItems(options, text)) {
    const one = matchTypedOption(options, item, true);
    if (!one.ok) return one;
    picked.push(one.value as string);
  }
  if (picked.length === 0) return { ok: false, reason: 'empty', message: EMPTY_MESSAGE };
  return { ok: true, value: [...new Set(picked)] };
}

/**
 * Reads a typed answer as the value of `field`, by the way the field is asked for. Text over the field's limit is
 * refused, never cut; options are matched case-insensitively (exact, prefix, substring).
 */
export function parseTypedValue(field: InputField, text: string): TypedValue {
  const kind = effectiveKind(field);
  if (kind === 'knowledge') return { ok: false, reason: 'not_typeable', message: NOT_TYPEABLE_MESSAGE };
  const typed = text.trim();
  if (typed === '') return { ok: false, reason: 'empty', message: EMPTY_MESSAGE };
  const options = field.options ?? [];
  switch (kind) {
    case 'text':
    case 'long_text': {
      const limit = textLimit(field, VALUE_MAX);
      if (typed.length > limit) return { ok: false, reason: 'too_long', message: tooLongMessage(limit, typed.length) };
      return { ok: true, value: typed };
    }
    case 'select':
      return matchTypedOption(options, typed);
    case 'multi_select':
      return parseOptions(options, typed);
    case 'tags': {
      const tags = splitList(typed);
      return tags.length > 0 ? { ok: true, value: tags } : { ok: false, reason: 'empty', message: EMPTY_MESSAGE };
    }
    case 'checkbox': {
      const answer = normaliseForMatch(typed);
      if (YES.has(answer)) return { ok: true, value: CHECKBOX_TRUE };
      if (NO.has(answer)) return { ok: true, value: CHECKBOX_FALSE };
      return { ok: false, reason: 'unknown_option', message: `Couldn't read ${echo(typed)} as yes or no: answer yes or no.` };
    }
    case 'url':
    case 'number':
    case 'json':
    case 'json_schema':
    case 'key_value': {
      const limit = textLimit(field, VALUE_MAX);
      if (typed.length > limit) return { ok: false, reason: 'too_long', message: tooLongMessage(limit, typed.length) };
      const checked = checkKindText(field, kind, typed);
      return checked.ok ? { ok: true, value: checked.value } : { ok: false, reason: 'invalid', message: checked.message };
    }
  }
}
