import type { InputField, InputValue, TaskDefinition } from '../providers/types.js';
import { CHECKBOX_TRUE } from '../inputs/field-kind.js';
import { truncate } from './limits.js';
import { escapeMrkdwn } from './untrusted.js';

const VALUE_MAX = 120;

function shown(field: InputField, value: InputValue): string {
  if (field.kind === 'checkbox') return value === CHECKBOX_TRUE ? 'Yes' : 'No';
  const list = Array.isArray(value) ? value : [value];
  if (field.kind === 'knowledge') return list.length === 1 ? '1 knowledge item' : `${list.length} knowledge items`;
  return list.join(', ').replace(/\s+/g, ' ').trim();
}

/**
 * The inputs in brief, as mrkdwn for a run's root message: "*Topic:* AI for dentists · *Blog length:* Medium".
 * Long values are shortened visibly; inputs that do not fit in `maxChars` are counted at the end.
 */
export function summariseInputs(task: TaskDefinition, values: Record<string, InputValue>, maxChars = 600): string {
  const items = task.inputs.flatMap((field) => {
    const value = values[field.id];
    const text = value === undefined ? '' : shown(field, value);
    if (text === '') return [];
    return [`*${escapeMrkdwn(truncate(field.name, VALUE_MAX))}:* ${escapeMrkdwn(truncate(text, VALUE_MAX))}`];
  });
  let summary = '';
  for (const [i, item] of items.entries()) {
    const next = summary ? `${summary} · ${item}` : item;
    const more = items.length - i - 1;
    const tail = more > 0 ? ` · +${more} more` : '';
    if (next.length + tail.length > maxChars) {
      const rest = ` · +${items.length - i} more`;
      return summary && summary.length + rest.length <= maxChars ? summary + rest : truncate(next, maxChars);
    }
    summary = next;
  }
  return summary;
}
