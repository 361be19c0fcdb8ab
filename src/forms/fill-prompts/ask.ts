import type { ActionsBlockElement, KnownBlock } from '@slack/types';
import type { FillEffect } from '../../inputs/fill-effect.js';
import type { InputField, InputValue } from '../../providers/types.js';
import { indexOption } from '../external-options.js';
import { FILL_ACTION, fillBlockId, indexedActionId } from '../fill-actions.js';
import { CHECKBOX_FALSE, CHECKBOX_TRUE, effectiveKind } from '../../inputs/field-kind.js';
import { rangeText } from '../../inputs/number-value.js';
import { BUTTON_VALUE, formatCount, STATIC_SELECT_OPTIONS } from '../limits.js';
import { actions, button, context, fallbackText, type FillMessage, mrkdwnWithin, oneLine, plain, section, showValue } from './blocks.js';

type Ask = Extract<FillEffect, { type: 'ask' }>;
type Clarify = Extract<FillEffect, { type: 'clarify' }>;

/** Up to this many options are buttons; more are a menu. */
export const OPTION_BUTTONS_MAX = 5;
const QUESTION_MAX = 1000;
const HINT_MAX = 1000;
const PROBLEM_MAX = 1500;
const PREVIOUS_MAX = 300;

/** What to do besides the control, by kind (mrkdwn). */
function guidance(field: InputField, options: number): string {
  const limit = field.maxLength !== undefined ? ` (up to ${formatCount(field.maxLength)} characters)` : '';
  switch (effectiveKind(field)) {
    case 'text':
      return `Reply in this thread${limit}.`;
    case 'long_text':
      return `Reply in this thread${limit}; several lines are fine.`;
    case 'tags':
      return 'Reply in this thread; separate with commas.';
    case 'select':
      return options > STATIC_SELECT_OPTIONS ? 'Search the menu, or type your answer in this thread.' : 'Pick one, or type it in this thread.';
    case 'multi_select':
      return 'Pick any, or type them in this thread separated by commas.';
    case 'knowledge':
      return 'Pick one or more knowledge items.';
    case 'checkbox':
      return 'Or reply yes or no.';
    case 'url':
      return 'Reply in this thread with a full address (http:// or https://).';
    case 'number':
      return `Reply in this thread with a whole number (${rangeText(field)}).`;
    case 'json':
      return 'Reply in this thread with JSON.';
    case 'json_schema':
      return 'Reply in this thread with a JSON Schema, such as `{"type":"object","properties":{"title":{"type":"string"}}}`.';
    case 'key_value':
      return 'Reply in this thread with one `key: value` a line.';
  }
}

/** Option buttons: one per option, each with its own action id (Slack refuses two alike in one block). */
function optionButtons(options: readonly string[], indexes: readonly number[]): ActionsBlockElement[] {
  return indexes.map((index, n) => button(options[index] as string, indexedActionId(FILL_ACTION.pick, n), String(index)));
}

/** The control that answers `field` in one click, or none for typed kinds. */
function control(field: InputField): ActionsBlockElement[] {
  const options = field.options ?? [];
  const all = options.map((_, i) => i);
  switch (effectiveKind(field)) {
    case 'select':
      if (options.length <= OPTION_BUTTONS_MAX) return optionButtons(options, all);
      if (options.length <= STATIC_SELECT_OPTIONS) {
        return [{ type: 'static_select', action_id: FILL_ACTION.select, placeholder: plain('Choose one'), options: options.map(indexOption) }];
      }
      return [{ type: 'external_select', action_id: FILL_ACTION.options, placeholder: plain('Type to search'), min_query_length: 0 }];
    case 'multi_select':
      if (options.length <= STATIC_SELECT_OPTIONS) {
        return [{ type: 'multi_static_select', action_id: FILL_ACTION.multi, placeholder: plain('Choose any'), options: options.map(indexOption) }];
      }
      return [{ type: 'multi_external_select', action_id: FILL_ACTION.options, placeholder: plain('Type to search'), min_query_length: 0 }];
    case 'knowledge':
      return [{ type: 'multi_external_select', action_id: FILL_ACTION.knowledge, placeholder: plain('Search knowledge'), min_query_length: 0 }];
    case 'checkbox':
      return [
        button('Yes', indexedActionId(FILL_ACTION.pick, 0), CHECKBOX_TRUE),
        button('No', indexedActionId(FILL_ACTION.pick, 1), CHECKBOX_FALSE),
      ];
    case 'text':
    case 'long_text':
    case 'tags':
    case 'url':
    case 'number':
    case 'json':
    case 'json_schema':
    case 'key_value':
      return [];
  }
}

/** The Skip button's value: the field id, or its block id when the id is longer than a button value holds. */
function skipValue(field: InputField): string {
  return field.id.length <= BUTTON_VALUE ? field.id : fillBlockId(field.id);
}

function questionLine(field: InputField): string {
  const question = oneLine(field.question) || oneLine(field.name) || 'Your answer?';
  const shown = mrkdwnWithin(question, QUESTION_MAX);
  // Bold only when no '*' inside could end it early.
  return question.includes('*') ? shown : `*${shown}*`;
}

/** Asks one input's question with its control, then Skip / Back / Run now / Cancel. */
export function renderAsk(effect: Ask): FillMessage {
  const { field, position } = effect;
  const where = `(${position.index} of ${position.total})`;
  const problem = effect.problem?.trim() ? `:warning: ${mrkdwnWithin(oneLine(effect.problem), PROBLEM_MAX)}` : '';
  const previous = effect.previous !== undefined ? `Was: ${mrkdwnWithin(showValue(field, effect.previous), PREVIOUS_MAX)}` : '';
  const hint = field.hint?.trim() ? mrkdwnWithin(field.hint.trim(), HINT_MAX) : '';

  const nav: ActionsBlockElement[] = [];
  if (effect.canSkip) nav.push(button('Skip', FILL_ACTION.skip, skipValue(field)));
  if (position.index > 1) nav.push(button('Back', FILL_ACTION.back));
  if (effect.canRunNow) nav.push(button('Run now', FILL_ACTION.runNow, undefined, 'primary'));
  nav.push(button('Cancel', FILL_ACTION.cancel));

  const blocks: KnownBlock[] = [
    ...(problem ? [section(problem)] : []),
    section(`${questionLine(field)}  _${where}_`),
    ...context([hint, previous, guidance(field, field.options?.length ?? 0)]),
    ...actions(control(field), fillBlockId(field.id)),
    ...actions(nav),
  ];
  const question = oneLine(field.question) || field.name;
  const text = fallbackText([effect.problem?.trim(), `${question} ${where}`].filter(Boolean).join(' '));
  return { placement: 'post', text, blocks };
}

/** A typed option matched several: the machine's message, and the candidates to pick from. */
export function renderClarify(effect: Clarify): FillMessage {
  const { field } = effect;
  const options = field.options ?? [];
  const indexes = [...new Set(effect.candidates.map((c) => options.indexOf(c)).filter((i) => i >= 0))];
  const picks: ActionsBlockElement[] =
    indexes.length <= OPTION_BUTTONS_MAX
      ? optionButtons(options, indexes)
      : [
          {
            type: 'static_select',
            action_id: FILL_ACTION.select,
            placeholder: plain('Which one?'),
            options: indexes.slice(0, STATIC_SELECT_OPTIONS).map((i) => indexOption(options[i] as string, i)),
          },
        ];
  const more = indexes.length > STATIC_SELECT_OPTIONS ? `The menu shows the first ${STATIC_SELECT_OPTIONS}: type more of it to narrow it down.` : '';
  const blocks: KnownBlock[] = [
    section(mrkdwnWithin(effect.message, 2000) || 'Which one?'),
    ...actions(picks, fillBlockId(field.id)),
    ...context([more]),
  ];
  return { placement: 'post', text: fallbackText(effect.message), blocks };
}

/** How a question was closed: answered with a button or menu (the choice), by a typed reply, skipped, or left. */
export type QuestionOutcome = { kind: 'picked'; value: InputValue } | { kind: 'typed' } | { kind: 'skipped' } | { kind: 'left' };

const OUTCOME_MAX = 300;

/**
 * A question once it is closed: the question stays, its controls give way to what was chosen ("✓ Medium (800-1500
 * words)", "Skipped"), or to nothing when the person's own reply below says it, so that nothing in it looks live.
 */
export function renderClosedQuestion(field: InputField, outcome: QuestionOutcome): FillMessage {
  const line =
    outcome.kind === 'picked'
      ? `✓ ${mrkdwnWithin(showValue(field, outcome.value), OUTCOME_MAX)}`
      : outcome.kind === 'skipped'
        ? '_Skipped_'
        : '';
  const question = oneLine(field.question) || field.name;
  return { placement: 'post', text: fallbackText(question), blocks: [section(questionLine(field)), ...context([line])] };
}

/** "Got it: Medium (800-1500 words)": typed answers the bot took, said as the next message opens. */
export function acknowledgement(taken: ReadonlyArray<{ field: InputField; value: InputValue }>): string {
  if (taken.length === 0) return '';
  const [only] = taken;
  if (only && taken.length === 1) return `Got it: ${mrkdwnWithin(showValue(only.field, only.value), OUTCOME_MAX)}`;
  const each = taken.map(({ field, value }) => `*${mrkdwnWithin(oneLine(field.name) || field.id, 80)}:* ${mrkdwnWithin(showValue(field, value), 150)}`);
  return `Got it: ${each.join(' · ')}`;
}
