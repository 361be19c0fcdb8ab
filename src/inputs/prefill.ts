import type { InputField, InputValues, TaskDefinition } from '../providers/types.js';
import { effectiveKind, splitList, textLimit } from './field-kind.js';
import { formatCount } from './text.js';
import { VALUE_MAX } from './value-limits.js';
import { slugify } from '../providers/slug.js';
import { listBrief, matchTypedOption, optionItems, parseTypedValue, type TypedRefusal } from './typed-value.js';

const LISTED_OPTIONS = 10;

function findField(task: TaskDefinition, key: string): InputField | undefined {
  const slug = slugify(key);
  return task.inputs.find((f) => f.id === key || [f.slug, slugify(f.name), slugify(f.id)].includes(slug));
}

/** Why `typed` was left out, in the modal's terms: the user fixes it in the form below. */
function noteFor(field: InputField, typed: string, refusal: TypedRefusal): string {
  const options = field.options ?? [];
  switch (refusal.reason) {
    case 'ambiguous':
      return `"${typed}" could be more than one ${field.name} option (${listBrief(refusal.candidates)}): pick one below.`;
    case 'too_long': {
      const [length, max] = [formatCount(typed.length), formatCount(textLimit(field, VALUE_MAX))];
      return `${field.name} is ${length} characters; the limit is ${max}. Shorten it below before running.`;
    }
    case 'invalid':
      return `${field.name}: ${refusal.message} Fix it below.`;
    default: {
      if (effectiveKind(field) === 'checkbox') return `Couldn't read "${typed}" as yes or no for ${field.name}: set it below.`;
      const all = options.length <= LISTED_OPTIONS ? ` The options are: ${options.join(', ')}.` : '';
      return `Couldn't match "${typed}" to a ${field.name} option: pick one below.${all}`;
    }
  }
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
    const kind = effectiveKind(field);
    if (kind === 'knowledge') {
      values[field.id] = splitList(typed);
      continue;
    }
    if (kind === 'multi_select') {
      // Keeps the items that match and notes the others, where a typed answer in a thread is refused whole.
      const options = field.options ?? [];
      const picked: string[] = [];
      for (const item of optionItems(options, typed)) {
        const one = matchTypedOption(options, item);
        if (one.ok) picked.push(one.value as string);
        else notes.push(noteFor(field, item, one));
      }
      if (picked.length > 0) values[field.id] = [...new Set(picked)];
      continue;
    }
    const parsed = parseTypedValue(field, typed);
    if (parsed.ok) {
      values[field.id] = parsed.value;
      continue;
    }
    notes.push(noteFor(field, typed, parsed));
    // A long text, or malformed JSON or lines, is kept so the user can fix it in the modal (readSubmission checks it
    // again); a bad address or number is not, as Slack refuses a view whose URL or number input starts with one.
    const keep = parsed.reason === 'too_long' || (parsed.reason === 'invalid' && kind !== 'url' && kind !== 'number');
    if (keep) values[field.id] = typed;
  }
  return { values, notes };
}
