import type { InputField, TaskDefinition } from '../providers/types.js';
import { CHECKBOX_FALSE, CHECKBOX_TRUE, effectiveKind } from '../inputs/field-kind.js';
import { BLOCK_ID } from './limits.js';

/** Action ids of the conversational fill's buttons and menus; the Slack listeners register the same ids. */
export const FILL_ACTION = {
  pick: 'fill.pick',
  select: 'fill.select',
  multi: 'fill.multi',
  options: 'fill.options',
  knowledge: 'fill.knowledge',
  skip: 'fill.skip',
  back: 'fill.back',
  runNow: 'fill.run_now',
  confirm: 'fill.confirm',
  edit: 'fill.edit',
  cancel: 'fill.cancel',
  chooseTask: 'fill.task',
} as const;

export type FillActionId = (typeof FILL_ACTION)[keyof typeof FILL_ACTION];

const FILL_ACTIONS: readonly string[] = Object.values(FILL_ACTION);

/**
 * The action id of the `index`-th of several buttons of one action in one block ("fill.pick:2"). Slack refuses a
 * message (`invalid_blocks`, "action_id already exists") when two elements of a block share an action id, so option
 * buttons and Yes/No buttons carry their index; the button's `value` still says what was picked.
 */
export function indexedActionId(action: FillActionId, index: number): string {
  return `${action}:${index}`;
}

/** The fill action an action id stands for: "fill.pick" and "fill.pick:2" are both `FILL_ACTION.pick`; else null. */
export function fillActionOf(actionId: string): FillActionId | null {
  const base = actionId.replace(/:\d+$/, '');
  return FILL_ACTIONS.includes(base) ? (base as FillActionId) : null;
}

/** Matches an action id and its indexed forms, for Bolt: `app.action(fillActionPattern(FILL_ACTION.pick), ...)`. */
export function fillActionPattern(action: FillActionId): RegExp {
  return new RegExp(`^${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?::\\d+)?$`);
}

const PREFIX = 'fill:';
const HASHED = 'fill#';

/** FNV-1a over UTF-16 units, as 8 hex digits: a short stand-in for an id too long for a block id. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The long form for an id that does not fit: its length and hash (the task resolves it back). */
const hashedBlockId = (fieldId: string) => `${HASHED}${fieldId.length}.${hash(fieldId)}`;

/**
 * The block id of a fill question's control: `fill:<fieldId>`. An id too long for Slack's 255 characters gets a short
 * form, `fill#<length>.<hash>`, that `fieldIdFromBlockId` resolves against the task (never a cut id, which could name
 * another input). It names the input, not its position, so a task that gained an input since still reads it right.
 */
export function fillBlockId(fieldId: string): string {
  const plain = `${PREFIX}${fieldId}`;
  return plain.length <= BLOCK_ID ? plain : hashedBlockId(fieldId);
}

/** The id of the input of `task` a fill block id belongs to, or null (not a fill block, or an input no longer there). */
export function fieldIdFromBlockId(task: TaskDefinition, blockId: string): string | null {
  const found = task.inputs.filter((f) => fillBlockId(f.id) === blockId);
  return found.length === 1 ? (found[0]?.id ?? null) : null;
}

/**
 * A Skip button's value is the field id; an id longer than a button value holds would be its block id instead. Returns
 * the field id to put in the skip event (an unknown one makes the machine answer "stale").
 */
export function readSkipValue(task: TaskDefinition, value: string): string {
  return task.inputs.some((f) => f.id === value) ? value : (fieldIdFromBlockId(task, value) ?? value);
}

/**
 * Maps a button's or menu option's value back to what the fill machine takes: an option's index -> the option's text
 * (select and multi-select), 'true'/'false' for the Yes/No buttons of a checkbox, a knowledge id as it is. Null when
 * the value means nothing for this field (an index past the options, a value from another kind of control).
 */
export function readPickValue(field: InputField, value: string): string | null {
  switch (effectiveKind(field)) {
    case 'select':
    case 'multi_select': {
      if (!/^\d{1,9}$/.test(value)) return null;
      return field.options?.[Number(value)] ?? null;
    }
    case 'checkbox':
      return value === CHECKBOX_TRUE || value === CHECKBOX_FALSE ? value : null;
    case 'knowledge':
      return value.trim() === '' ? null : value;
    case 'text':
    case 'long_text':
    case 'tags':
    case 'url':
    case 'number':
    case 'json':
    case 'json_schema':
    case 'key_value':
      return null;
  }
}
