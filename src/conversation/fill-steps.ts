import type { InputField, InputValue, InputValues, TaskDefinition } from '../providers/types.js';
import type { FillEffect } from '../inputs/fill-effect.js';
import { isAnswered, missingRequired, nextMissing, settledCount, valueOf } from './fill-order.js';
import type { FillState } from './fill-state.js';

export interface FillStep {
  state: FillState;
  effects: FillEffect[];
}

function without(values: InputValues, fieldId: string): InputValues {
  return Object.fromEntries(Object.entries(values).filter(([id]) => id !== fieldId));
}

export function openQuestion(state: FillState, fieldId: string): FillState {
  return { ...state, phase: 'asking', asking: fieldId };
}

export function closeQuestion(state: FillState, phase: 'confirming' | 'cancelled' | 'running'): FillState {
  const { asking: _closed, ...rest } = state;
  return { ...rest, phase };
}

export function openField(task: TaskDefinition, state: FillState): InputField | undefined {
  return state.phase === 'asking' ? task.inputs.find((f) => f.id === state.asking) : undefined;
}

export function withEffects(before: FillEffect[], step: FillStep): FillStep {
  return { state: step.state, effects: [...before, ...step.effects] };
}

export function ask(
  task: TaskDefinition,
  state: FillState,
  field: InputField,
  extra: { problem?: string; previous?: InputValue } = {},
): FillStep {
  const next = openQuestion(state, field.id);
  const effect: FillEffect = {
    type: 'ask',
    field,
    ...(extra.problem !== undefined && { problem: extra.problem }),
    ...(extra.previous !== undefined && { previous: extra.previous }),
    canSkip: !field.required,
    canRunNow: missingRequired(task, next.values).length === 0,
    position: { index: settledCount(task, next) + 1, total: task.inputs.length },
  };
  return { state: next, effects: [effect] };
}

export function summarise(state: FillState, problem?: string): FillStep {
  const next = closeQuestion(state, 'confirming');
  const summary: FillEffect = { type: 'summary', values: next.values, skipped: next.skipped };
  return { state: next, effects: [problem === undefined ? summary : { ...summary, problem }] };
}

/** Asks the next input that is neither answered nor skipped, or shows the summary when there is none. */
export function moveOn(task: TaskDefinition, state: FillState): FillStep {
  const field = nextMissing(task, state);
  return field ? ask(task, state, field) : summarise(state);
}

/** Records an answer for `field`, or a skip when `value` is null; the field becomes the last of the trail. */
export function settle(state: FillState, field: InputField, value: InputValue | null): FillState {
  const values = without(state.values, field.id);
  const skipped = state.skipped.filter((id) => id !== field.id);
  return {
    ...state,
    values: value === null ? values : { ...values, [field.id]: value },
    skipped: value === null ? [...skipped, field.id] : skipped,
    trail: [...state.trail.filter((id) => id !== field.id), field.id],
  };
}

/** Drops `field`'s answer or skip and asks it again, showing the dropped answer. */
export function reopen(task: TaskDefinition, state: FillState, field: InputField): FillStep {
  const previous = valueOf(state.values, field.id);
  const next: FillState = {
    ...state,
    values: without(state.values, field.id),
    skipped: state.skipped.filter((id) => id !== field.id),
    trail: state.trail.filter((id) => id !== field.id),
  };
  return ask(task, next, field, isAnswered(previous) ? { previous } : {});
}
