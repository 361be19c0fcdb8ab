import type { InputField, InputValues, TaskDefinition } from '../providers/types.js';
import { CHECKBOX_FALSE, CHECKBOX_TRUE, effectiveKind, splitList, textLimit } from './field-kind.js';
import { formatCount, PLAIN_TEXT_INPUT_MAX } from './limits.js';
import { matchOption, normaliseForMatch } from './match-option.js';
import { slugify } from './slug.js';

const LISTED_OPTIONS = 10;
const YES = new Set(['yes', 'y', 'true', '1', 'on']);
const NO = new Set(['no', 'n', 'false', '0', 'off']);

function listOf(items: readonly string[]): string {
  const shown = items.slice(0, LISTED_OPTIONS).join(', ');
  return items.length > LISTED_OPTIONS ? `${shown} and ${items.length - LISTED_OPTIONS} more` : shown;
}

function findField(task: TaskDefinition, key: string): InputField | undefined {
  const slug = slugify(key);
  return task.inputs.find((f) => f.id === key || [f.slug, slugify(f.name), slugify(f.id)].includes(slug));
}

type Matched = { value: string } | { note: string };

function matchOne(field: InputField, options: readonly string[], typed: string): Matched {
  const match = matchOption(options, typed);
  if (match.kind === 'match') return { value: match.value };
  if (match.kind === 'ambiguous') {
    const candidates = listOf(match.candidates);
    return { note: `"${typed}" could be more than one ${field.name} option (${candidates}): pick one below.` };
  }
  const all = options.length <= LISTED_OPTIONS ? ` The options are: ${options.join(', ')}.` : '';
  return { note: `Couldn't match "${typed}" to a ${field.name} option: pick one below.${all}` };
}

/**
 * Turns `name=value` pairs from a command into initial values for the task's inputs. Anything that cannot be used as
 * given is left for the user to fix in the modal, with a note that says why.
 */
export function prefillFromPairs(
  task: TaskDefinition,
  pairs: Record<string, string>,
): { values: InputValues; notes: string[] } {
  const values: InputValues = {};
  const notes: string[] = [];
  for (const [key, typed] of Object.entries(pairs)) {
    const field = findField(task, key);
    if (!field) {
      const names = task.inputs.map((f) => f.slug).join(', ') || 'none';
      notes.push(`${task.name} has no input called "${key}". Its inputs: ${names}.`);
      continue;
    }
    if (typed.trim() === '') continue;
    const options = field.options ?? [];
    switch (effectiveKind(field)) {
      case 'text':
      case 'long_text': {
        const limit = textLimit(field, PLAIN_TEXT_INPUT_MAX);
        if (typed.length > limit) {
          const [length, max] = [formatCount(typed.length), formatCount(limit)];
          notes.push(`${field.name} is ${length} characters; the limit is ${max}. Shorten it below before running.`);
        }
        values[field.id] = typed;
        break;
      }
      case 'select': {
        const matched = matchOne(field, options, typed);
        if ('value' in matched) values[field.id] = matched.value;
        else notes.push(matched.note);
        break;
      }
      case 'multi_select': {
        // An option can hold a comma itself ("Short, punchy").
        const whole = matchOption(options, typed);
        const isOne = whole.kind === 'match' && normaliseForMatch(whole.value) === normaliseForMatch(typed);
        const items = isOne ? [typed] : splitList(typed);
        const picked: string[] = [];
        for (const item of items) {
          const matched = matchOne(field, options, item);
          if ('value' in matched) picked.push(matched.value);
          else notes.push(matched.note);
        }
        if (picked.length > 0) values[field.id] = [...new Set(picked)];
        break;
      }
      case 'tags':
      case 'knowledge':
        values[field.id] = splitList(typed);
        break;
      case 'checkbox': {
        const answer = normaliseForMatch(typed);
        if (YES.has(answer)) values[field.id] = CHECKBOX_TRUE;
        else if (NO.has(answer)) values[field.id] = CHECKBOX_FALSE;
        else notes.push(`Couldn't read "${typed}" as yes or no for ${field.name}: set it below.`);
        break;
      }
    }
  }
  return { values, notes };
}
