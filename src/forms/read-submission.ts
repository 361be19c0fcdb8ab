import { z } from 'zod';
import type { InputField, InputValue, InputValues, TaskDefinition } from '../providers/types.js';
import { CHECKBOX_FALSE, CHECKBOX_TRUE, effectiveKind, splitList, textLimit } from '../inputs/field-kind.js';
import { checkKindText } from '../inputs/check-kind.js';
import { formatCount, PLAIN_TEXT_INPUT_MAX } from './limits.js';
import { EXTRA_BLOCK_ID, fieldBlockId } from './task-modal.js';
import { stripControlChars } from './untrusted.js';

const selected = z.looseObject({ value: z.string() });
const actionState = z.looseObject({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: selected.nullish(),
  selected_options: z.array(selected).nullish(),
});
type ActionState = z.infer<typeof actionState>;
/** Slack's `view.state.values`: block id -> action id -> state. */
const stateValuesSchema = z.record(z.string(), z.record(z.string(), actionState));

export type Submission =
  | { ok: true; values: InputValues; extraText?: string }
  /** Keyed by block id, ready for `ack({ response_action: 'errors', errors })`. */
  | { ok: false; errors: Record<string, string> };

export const REQUIRED_ERROR = 'This is required.';
export const STALE_OPTION_ERROR = 'That option is no longer available: pick another one.';

const tooLong = (limit: number, length: number) =>
  `Keep this under ${formatCount(limit)} characters (now ${formatCount(length)}).`;

type Read = { value?: InputValue } | { error: string };

function optionAt(options: readonly string[], value: string): string | undefined {
  return /^\d+$/.test(value) ? options[Number(value)] : undefined;
}

function readField(field: InputField, action: ActionState): Read {
  const options = field.options ?? [];
  const picked = action.selected_options ?? [];
  const kind = effectiveKind(field);
  let value: InputValue | undefined;
  switch (kind) {
    case 'text':
    case 'long_text':
    case 'tags': {
      const typed = stripControlChars(action.value ?? '');
      const limit = kind === 'tags' ? PLAIN_TEXT_INPUT_MAX : textLimit(field, PLAIN_TEXT_INPUT_MAX);
      if (typed.length > limit) return { error: tooLong(limit, typed.length) };
      if (kind === 'tags') value = splitList(typed);
      else if (typed.trim() !== '') value = typed;
      break;
    }
    case 'select': {
      const index = action.selected_option?.value;
      if (index === undefined) break;
      value = optionAt(options, index);
      if (value === undefined) return { error: STALE_OPTION_ERROR };
      break;
    }
    case 'multi_select': {
      const texts = picked.map((o) => optionAt(options, o.value));
      if (texts.some((t) => t === undefined)) return { error: STALE_OPTION_ERROR };
      value = texts as string[];
      break;
    }
    case 'knowledge':
      value = picked.map((o) => o.value);
      break;
    case 'checkbox':
      return { value: picked.some((o) => o.value === CHECKBOX_TRUE) ? CHECKBOX_TRUE : CHECKBOX_FALSE };
    case 'url':
    case 'number':
    case 'json':
    case 'json_schema':
    case 'key_value': {
      const typed = stripControlChars(action.value ?? '');
      const limit = textLimit(field, PLAIN_TEXT_INPUT_MAX);
      if (typed.length > limit) return { error: tooLong(limit, typed.length) };
      if (typed.trim() === '') break;
      const checked = checkKindText(field, kind, typed);
      if (!checked.ok) return { error: checked.message };
      value = checked.value;
      break;
    }
  }
  const empty = value === undefined || value.length === 0;
  if (empty) return field.required ? { error: REQUIRED_ERROR } : {};
  return { value };
}

const firstAction = (block: Record<string, ActionState> | undefined) => (block ? Object.values(block)[0] : undefined);

/**
 * Reads a submitted run modal (`view.state.values`) into the task's values. Errors name the block to show them on,
 * so Slack keeps the modal open with everything the user entered. An input the modal left out (too many inputs) has
 * no block and is skipped. Throws when `stateValues` is not Slack's view state.
 */
export function readSubmission(task: TaskDefinition, stateValues: unknown): Submission {
  const state = stateValuesSchema.parse(stateValues);
  const values: InputValues = {};
  const errors: Record<string, string> = {};
  task.inputs.forEach((field, index) => {
    const blockId = fieldBlockId(field, index);
    const action = firstAction(state[blockId]);
    if (!action) return;
    const read = readField(field, action);
    if ('error' in read) errors[blockId] = read.error;
    else if (read.value !== undefined) values[field.id] = read.value;
  });

  const extra = stripControlChars(firstAction(state[EXTRA_BLOCK_ID])?.value ?? '');
  if (extra.length > PLAIN_TEXT_INPUT_MAX) errors[EXTRA_BLOCK_ID] = tooLong(PLAIN_TEXT_INPUT_MAX, extra.length);

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return extra.trim() === '' ? { ok: true, values } : { ok: true, values, extraText: extra };
}
