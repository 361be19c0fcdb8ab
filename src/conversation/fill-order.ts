import type { InputField, InputValue, InputValues, TaskDefinition } from '../providers/types.js';
import type { FillState } from './fill-state.js';

/** An answer counts only when it holds something: '' and [] are no answer. */
export function isAnswered(value: InputValue | undefined): value is InputValue {
  return value !== undefined && value.length > 0;
}

/** The order questions are asked in: required inputs first, then optional ones, each in the task's order. */
export function askOrder(task: TaskDefinition): InputField[] {
  return [...task.inputs.filter((f) => f.required), ...task.inputs.filter((f) => !f.required)];
}

/** The value for `fieldId`: own keys only, so an id like "constructor" never reads the prototype. */
export function valueOf(values: InputValues, fieldId: string): InputValue | undefined {
  return Object.hasOwn(values, fieldId) ? values[fieldId] : undefined;
}

export function isSettled(state: FillState, fieldId: string): boolean {
  return isAnswered(valueOf(state.values, fieldId)) || state.skipped.includes(fieldId);
}

/** The next input to ask for: neither answered nor skipped. */
export function nextMissing(task: TaskDefinition, state: FillState): InputField | undefined {
  return askOrder(task).find((f) => !isSettled(state, f.id));
}

export function missingRequired(task: TaskDefinition, values: InputValues): InputField[] {
  return task.inputs.filter((f) => f.required && !isAnswered(valueOf(values, f.id)));
}

export function settledCount(task: TaskDefinition, state: FillState): number {
  return task.inputs.filter((f) => isSettled(state, f.id)).length;
}
