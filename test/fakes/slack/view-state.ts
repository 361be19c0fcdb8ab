/**
 * What Slack's client does when a person fills inputs: the `state.values` entry per element type
 * (as in view_submission and block_actions payloads), and the checks that stop a submission before
 * it is sent (required fields, lengths, number and email formats, option choices).
 */
import type { Json, JsonObject } from './types.js';

/** A person's input for one element: text, a number, option value(s), or null for empty. */
export type FieldInput = string | number | string[] | { value: string; text?: string } | Array<{ value: string; text?: string }> | null;

const isObj = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function optionsOf(element: JsonObject): JsonObject[] {
  const direct = Array.isArray(element.options) ? element.options.filter(isObj) : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups.filter(isObj).flatMap((g) => (Array.isArray(g.options) ? g.options.filter(isObj) : []))
    : [];
  return [...direct, ...grouped];
}

function pick(element: JsonObject, value: string): JsonObject {
  const found = optionsOf(element).find((o) => o.value === value);
  if (!found) throw new Error(`no option with value "${value}" in ${String(element.type)} ${String(element.action_id)}`);
  return found;
}

const external = (v: string | { value: string; text?: string }): JsonObject =>
  typeof v === 'string' ? { text: { type: 'plain_text', text: v, emoji: true }, value: v } : { text: { type: 'plain_text', text: v.text ?? v.value, emoji: true }, value: v.value };

const asList = (input: FieldInput): Array<string | { value: string; text?: string }> =>
  input === null ? [] : Array.isArray(input) ? input : typeof input === 'number' ? [String(input)] : [input];
const asText = (input: FieldInput): string | null =>
  input === null ? null : typeof input === 'string' ? input : typeof input === 'number' ? String(input) : Array.isArray(input) ? input.map((i) => (typeof i === 'string' ? i : i.value)).join(',') : input.value;

export function richTextValue(text: string): JsonObject {
  return { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }] };
}

/** The state value Slack reports for `element` given `input` (undefined = untouched: the initial value). */
export function stateValue(element: JsonObject, input: FieldInput | undefined): JsonObject {
  const type = String(element.type);
  const given = input !== undefined;
  const init = (key: string): Json => (element[key] === undefined ? null : (element[key] as Json));
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: given ? asText(input) : init('initial_value') };
    case 'rich_text_input': {
      const text = given ? asText(input) : null;
      return { type, rich_text_value: given ? (text === null ? null : richTextValue(text)) : init('initial_value') };
    }
    case 'static_select':
    case 'radio_buttons': {
      const text = given ? asText(input) : null;
      return { type, selected_option: given ? (text === null ? null : pick(element, text)) : init('initial_option') };
    }
    case 'external_select': {
      const first = given ? asList(input)[0] : undefined;
      return { type, selected_option: given ? (first === undefined ? null : external(first)) : init('initial_option') };
    }
    case 'multi_static_select':
    case 'checkboxes':
      return { type, selected_options: given ? asList(input).map((v) => pick(element, typeof v === 'string' ? v : v.value)) : (init('initial_options') ?? []) };
    case 'multi_external_select':
      return { type, selected_options: given ? asList(input).map(external) : (init('initial_options') ?? []) };
    case 'datepicker':
      return { type, selected_date: given ? asText(input) : init('initial_date') };
    case 'timepicker':
      return { type, selected_time: given ? asText(input) : init('initial_time') };
    case 'datetimepicker':
      return { type, selected_date_time: given ? (input === null ? null : Number(asText(input))) : init('initial_date_time') };
    case 'users_select':
      return { type, selected_user: given ? asText(input) : init('initial_user') };
    case 'multi_users_select':
      return { type, selected_users: given ? asList(input).map(String) : (init('initial_users') ?? []) };
    case 'conversations_select':
      return { type, selected_conversation: given ? asText(input) : init('initial_conversation') };
    case 'multi_conversations_select':
      return { type, selected_conversations: given ? asList(input).map(String) : (init('initial_conversations') ?? []) };
    case 'channels_select':
      return { type, selected_channel: given ? asText(input) : init('initial_channel') };
    case 'multi_channels_select':
      return { type, selected_channels: given ? asList(input).map(String) : (init('initial_channels') ?? []) };
    case 'file_input':
      return { type, files: [] };
    default:
      throw new Error(`no state value for element type ${type}`);
  }
}

function isEmpty(v: JsonObject): boolean {
  return Object.entries(v).every(([k, x]) => k === 'type' || x === null || x === '' || (Array.isArray(x) && x.length === 0));
}

/** The message Slack's client shows instead of sending the submission, or undefined when it would send. */
export function clientCheck(block: JsonObject, element: JsonObject, value: JsonObject): string | undefined {
  if (isEmpty(value)) return block.optional === true ? undefined : 'Please complete this required field.';
  const text = typeof value.value === 'string' ? value.value : undefined;
  if (element.type === 'plain_text_input' && text !== undefined) {
    const min = typeof element.min_length === 'number' ? element.min_length : 0;
    const max = typeof element.max_length === 'number' ? element.max_length : 3000;
    if (text.length < min) return `Please enter at least ${min} characters.`;
    if (text.length > max) return `Please enter ${max} characters or fewer.`;
  }
  if (element.type === 'number_input' && text !== undefined) {
    const n = Number(text);
    if (text.trim() === '' || Number.isNaN(n)) return 'Please enter a number.';
    if (element.is_decimal_allowed !== true && !Number.isInteger(n)) return 'Please enter a whole number.';
    if (typeof element.min_value === 'string' && n < Number(element.min_value)) return `Please enter a number ${element.min_value} or more.`;
    if (typeof element.max_value === 'string' && n > Number(element.max_value)) return `Please enter a number ${element.max_value} or less.`;
  }
  if (element.type === 'email_text_input' && text !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text)) return 'Please enter a valid email address.';
  if (element.type === 'url_text_input' && text !== undefined && !/^https?:\/\/\S+$/.test(text)) return 'Please enter a valid URL.';
  const selected = Object.values(value).find(Array.isArray);
  if (typeof element.max_selected_items === 'number' && Array.isArray(selected) && selected.length > element.max_selected_items) {
    return `Please select ${element.max_selected_items} or fewer items.`;
  }
  return undefined;
}

export interface InputBlockRef {
  block: JsonObject;
  blockId: string;
  element: JsonObject;
  actionId: string;
}

export function inputBlocks(blocks: readonly JsonObject[]): InputBlockRef[] {
  return blocks.flatMap((b) => {
    if (b.type !== 'input' || !isObj(b.element)) return [];
    return [{ block: b, blockId: String(b.block_id), element: b.element, actionId: String(b.element.action_id) }];
  });
}
