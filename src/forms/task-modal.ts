import type { ContextBlock, InputBlock, InputBlockElement, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { InputField, InputValue, InputValues, TaskDefinition } from '../providers/types.js';
import { indexOption, knowledgeOption } from './external-options.js';
import { CHECKBOX_TRUE, effectiveKind, textLimit } from '../inputs/field-kind.js';
import { checkKindText } from '../inputs/check-kind.js';
import { rangeText } from '../inputs/number-value.js';
import {
  BLOCK_ID,
  INPUT_HINT,
  INPUT_LABEL,
  MODAL_BLOCKS,
  MODAL_TITLE,
  OPTION_VALUE,
  PLAIN_TEXT_INPUT_MAX,
  SECTION_TEXT,
  STATIC_SELECT_OPTIONS,
  truncate,
  VIEW_MAX_BYTES,
} from './limits.js';

export const RUN_TASK_CALLBACK_ID = 'run_task';
/** The action id of every task input, except the external selects below. */
export const FIELD_ACTION_ID = 'field_value';
/** External select of a select or multi_select input with too many options: answer with `optionsForQuery`. */
export const OPTIONS_ACTION_ID = 'field_options';
/** Knowledge picker: answer with `knowledgeOptions`. */
export const KNOWLEDGE_ACTION_ID = 'field_knowledge';
export const EXTRA_BLOCK_ID = 'extra';
export const EXTRA_ACTION_ID = 'extra_value';
export const EXTRA_LABEL = 'Anything else the agent should know?';
export const TAGS_HINT = 'Separate with commas';
/** How to type the kinds whose text must have a form; the range of a number is in its hint too. */
export const KEY_VALUE_HINT = 'One "key: value" a line';
export const JSON_HINT = 'JSON';
export const JSON_SCHEMA_HINT = 'A JSON Schema, e.g. {"type":"object","properties":{"title":{"type":"string"}}}';

function kindHint(field: InputField): string | undefined {
  switch (effectiveKind(field)) {
    case 'tags':
      return TAGS_HINT;
    case 'key_value':
      return KEY_VALUE_HINT;
    case 'json':
      return JSON_HINT;
    case 'json_schema':
      return field.hint?.trim() ? undefined : JSON_SCHEMA_HINT;
    case 'number':
      return `A whole number, ${rangeText(field)}`;
    default:
      return undefined;
  }
}
export const REQUIRED_HINT = 'Required.';

const DESCRIPTION_MAX = 300;
/** Below this, the rest of a cut question is not worth putting in the hint. */
const MIN_CONTINUATION = 20;

/** The block id of a task input: its position and id, so a submission of an older task definition is not misread. */
export function fieldBlockId(field: InputField, index: number): string {
  return `field:${index}:${field.id}`.slice(0, BLOCK_ID);
}

/** The input a block id belongs to (for `block_suggestion` and errors), or null. */
export function fieldForBlockId(task: TaskDefinition, blockId: string): { field: InputField; index: number } | null {
  const index = Number(/^field:(\d+):/.exec(blockId)?.[1]);
  const field = task.inputs[index];
  return field && fieldBlockId(field, index) === blockId ? { field, index } : null;
}

export interface TaskModalArgs {
  task: TaskDefinition;
  values?: InputValues;
  extraText?: string;
  /** Shown at the top, e.g. why a `name=value` pair was not used. */
  notes?: string[];
  /** From `encodeRunMetadata`. */
  metadata: string;
  /** Names of the knowledge items in `values`, for their pre-selected options (the id is shown otherwise). */
  knowledgeNames?: Readonly<Record<string, string>>;
  /** Optional blocks after the task's inputs (the Brand section); they count against the modal's 100 blocks. */
  trailing?: readonly KnownBlock[];
}

/** How hard to squeeze a view that would be over Slack's 250 kB. */
interface Compaction {
  staticMax: number;
  textMax: number;
}
const COMPACTIONS: readonly Compaction[] = [
  { staticMax: STATIC_SELECT_OPTIONS, textMax: INPUT_LABEL },
  { staticMax: 10, textMax: INPUT_LABEL },
  { staticMax: 0, textMax: 300 },
];

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const asText = (v: InputValue | undefined) => (Array.isArray(v) ? v.join(', ') : v);
const asList = (v: InputValue | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function textInput(actionId: string, initial: string | undefined, limit: number | undefined, multiline: boolean) {
  return {
    type: 'plain_text_input' as const,
    action_id: actionId,
    ...(multiline && { multiline }),
    ...(initial !== undefined && initial !== '' && { initial_value: initial }),
    // A pre-filled value that is already too long is shown whole (readSubmission reports it) rather than cut.
    ...(limit !== undefined && (initial?.length ?? 0) <= limit && { max_length: limit }),
  };
}

/**
 * A URL or number input's initial value, only when it passes its check: Slack refuses to open a view whose URL or
 * number input starts with anything else (a value saved before the input had this kind, say).
 */
function checkedInitial(field: InputField, kind: 'url' | 'number', value: InputValue | undefined): string | undefined {
  const text = asText(value);
  if (text === undefined || text.trim() === '') return undefined;
  const checked = checkKindText(field, kind, text);
  return checked.ok ? checked.value : undefined;
}

/** An external select that lists options as soon as it opens (Slack waits for 3 characters by default). */
function external<T extends 'external_select' | 'multi_external_select'>(type: T, actionId: string, text: string) {
  return { type, action_id: actionId, placeholder: plain(text), min_query_length: 0 };
}

function selectedIndexes(options: readonly string[], value: InputValue | undefined): PlainTextOption[] {
  return asList(value)
    .map((v) => options.indexOf(v))
    .filter((i) => i >= 0)
    .map((i) => indexOption(options[i] as string, i));
}

function fieldElement(
  field: InputField,
  value: InputValue | undefined,
  knowledgeNames: Readonly<Record<string, string>>,
  c: Compaction,
): InputBlockElement {
  const options = field.options ?? [];
  const isStatic = options.length <= c.staticMax;
  const selected = selectedIndexes(options, value);
  switch (effectiveKind(field)) {
    case 'text':
    case 'long_text': {
      const limit = field.maxLength !== undefined ? textLimit(field, PLAIN_TEXT_INPUT_MAX) : undefined;
      return textInput(FIELD_ACTION_ID, asText(value), limit, field.kind === 'long_text');
    }
    case 'tags':
      return textInput(FIELD_ACTION_ID, asText(value), PLAIN_TEXT_INPUT_MAX, false);
    case 'select': {
      const initial = selected[0] && { initial_option: selected[0] };
      if (!isStatic) return { ...external('external_select', OPTIONS_ACTION_ID, 'Type to search'), ...initial };
      const choices = options.map(indexOption);
      const placeholder = plain('Choose one');
      return { type: 'static_select', action_id: FIELD_ACTION_ID, placeholder, options: choices, ...initial };
    }
    case 'multi_select': {
      const initial = selected.length > 0 && { initial_options: selected };
      if (!isStatic) return { ...external('multi_external_select', OPTIONS_ACTION_ID, 'Type to search'), ...initial };
      const choices = options.map(indexOption);
      const placeholder = plain('Choose any');
      return { type: 'multi_static_select', action_id: FIELD_ACTION_ID, placeholder, options: choices, ...initial };
    }
    case 'knowledge': {
      const initial = asList(value)
        .filter((id) => id.length <= OPTION_VALUE)
        .map((id) => knowledgeOption({ id, name: knowledgeNames[id] ?? id }));
      const picker = external('multi_external_select', KNOWLEDGE_ACTION_ID, 'Search knowledge');
      return { ...picker, ...(initial.length > 0 && { initial_options: initial }) };
    }
    case 'checkbox': {
      const yes = { text: plain('Yes'), value: CHECKBOX_TRUE };
      const initial = value === CHECKBOX_TRUE && { initial_options: [yes] };
      return { type: 'checkboxes', action_id: FIELD_ACTION_ID, options: [yes], ...initial };
    }
    case 'url': {
      const initial = checkedInitial(field, 'url', value);
      return { type: 'url_text_input', action_id: FIELD_ACTION_ID, ...(initial && { initial_value: initial }) };
    }
    case 'number': {
      const initial = checkedInitial(field, 'number', value);
      // Slack checks the range in the client too; readSubmission checks it again.
      const range = {
        ...(field.min !== undefined && { min_value: String(field.min) }),
        ...(field.max !== undefined && { max_value: String(field.max) }),
      };
      return { type: 'number_input', action_id: FIELD_ACTION_ID, is_decimal_allowed: false, ...range, ...(initial && { initial_value: initial }) };
    }
    case 'json':
    case 'json_schema':
    case 'key_value':
      return textInput(FIELD_ACTION_ID, asText(value), textLimit(field, PLAIN_TEXT_INPUT_MAX), true);
  }
}

/** The label is the question; when it has to be cut, the rest of it leads the hint if there is room. */
function labelAndHint(field: InputField, textMax: number): { label: string; hint?: string } {
  const labelMax = Math.min(INPUT_LABEL, textMax);
  const hintMax = Math.min(INPUT_HINT, textMax);
  const question = field.question.trim() || field.name;
  const label = truncate(question, labelMax);
  const hints = [field.hint?.trim(), kindHint(field)].filter((h): h is string => !!h);
  if (label !== question) {
    const rest = question.slice(label.length - 1).trimStart();
    const room = hintMax - hints.reduce((n, h) => n + h.length + 2, 0) - REQUIRED_HINT.length - 2;
    if (room >= MIN_CONTINUATION) hints.unshift(`…${truncate(rest, room)}`);
  }
  // Slack marks only the optional inputs; the required ones say so too, so that neither is read by its absence.
  const required = field.required && field.kind !== 'checkbox' ? REQUIRED_HINT : '';
  const hint = [required, hints.join('\n\n')].filter(Boolean).join(' ');
  return hint ? { label, hint: truncate(hint, hintMax) } : { label };
}

function fieldBlock(field: InputField, index: number, args: TaskModalArgs, c: Compaction): InputBlock {
  const { label, hint } = labelAndHint(field, c.textMax);
  return {
    type: 'input',
    block_id: fieldBlockId(field, index),
    label: plain(label),
    ...(hint !== undefined && { hint: plain(hint) }),
    // An unticked checkbox is an answer ("no"), so it can never be left out.
    optional: field.kind === 'checkbox' || !field.required,
    element: fieldElement(field, args.values?.[field.id], args.knowledgeNames ?? {}, c),
  };
}

const contextBlock = (text: string): ContextBlock => ({
  type: 'context',
  elements: [plain(truncate(text, SECTION_TEXT))],
});

/** Which inputs fit in `room` blocks: required ones first, then in task order; shown in task order. */
function chooseFields(inputs: readonly InputField[], room: number): number[] {
  const order = inputs.map((_, i) => i);
  const byPriority = [...order.filter((i) => inputs[i]?.required), ...order.filter((i) => !inputs[i]?.required)];
  return byPriority.slice(0, room).sort((a, b) => a - b);
}

function render(args: TaskModalArgs, c: Compaction): ModalView {
  const { task, notes = [] } = args;
  const top: KnownBlock[] = [];
  if (notes.length > 0) top.push(contextBlock(notes.map((n) => `⚠️ ${n}`).join('\n')));
  // Slack cuts a modal's title at 24 characters: a longer name is said whole above the description.
  const name = task.name.trim();
  const about = [truncate(name, MODAL_TITLE) === name ? '' : name, truncate(task.description.trim(), DESCRIPTION_MAX)].filter(Boolean).join('\n');
  if (about) top.push(contextBlock(about));

  const trailing = args.trailing ?? [];
  let room = MODAL_BLOCKS - top.length - 1 - trailing.length;
  if (task.inputs.length > room) room -= 1;
  const shown = chooseFields(task.inputs, room);
  const left = task.inputs.filter((_, i) => !shown.includes(i));
  if (left.length > 0) {
    const required = left.filter((f) => f.required).length;
    const which = required > 0 ? `${left.length} inputs (${required} of them required)` : `${left.length} optional inputs`;
    const names = left.map((f) => f.name).join(', ');
    const why = 'This task has more inputs than a Slack form can show';
    top.push(contextBlock(`⚠️ ${why}: ${which} are left out and will be sent empty: ${names}.`));
  }

  const extra: InputBlock = {
    type: 'input',
    block_id: EXTRA_BLOCK_ID,
    label: plain(EXTRA_LABEL),
    optional: true,
    element: textInput(EXTRA_ACTION_ID, args.extraText, PLAIN_TEXT_INPUT_MAX, true),
  };
  return {
    type: 'modal',
    callback_id: RUN_TASK_CALLBACK_ID,
    // Slack refuses an empty title.
    title: plain(truncate(task.name.trim() || 'Run a task', MODAL_TITLE)),
    submit: plain('Run'),
    close: plain('Cancel'),
    private_metadata: args.metadata,
    blocks: [...top, ...shown.map((i) => fieldBlock(task.inputs[i] as InputField, i, args, c)), ...trailing, extra],
  };
}

/**
 * The modal that runs `task`: one input per task input, pre-filled from `values`, then a free "anything else" box.
 * Stays within Slack's limits (100 blocks, 250 kB, every text length); what it leaves out, it says.
 */
export function buildTaskModal(args: TaskModalArgs): ModalView {
  let view: ModalView | undefined;
  for (const c of COMPACTIONS) {
    view = render(args, c);
    if (Buffer.byteLength(JSON.stringify(view)) <= VIEW_MAX_BYTES) break;
  }
  return view as ModalView;
}
