import { effectiveKind } from '../inputs/field-kind.js';
import { parseTypedValue } from '../inputs/typed-value.js';
import type { InputField, InputValue, InputValues, TaskDefinition } from '../providers/types.js';
import type { FillEffect } from '../inputs/fill-effect.js';
import type { FillEvent } from './fill-event.js';
import { isAnswered, missingRequired, valueOf } from './fill-order.js';
import type { FillState } from './fill-state.js';
import {
  ask,
  closeQuestion,
  type FillStep,
  moveOn,
  openField,
  reopen,
  settle,
  summarise,
  withEffects,
} from './fill-steps.js';
import { findInput } from './find-input.js';
import { readPick } from './pick-value.js';
import { reconcile } from './reconcile.js';
import { readTypedCommand } from './typed-command.js';

const CANNOT_SKIP = "This one is needed to run the task, so it can't be skipped: answer it, or say cancel to stop.";
const needed = (field: InputField) => `${field.name} is needed before the task can run.`;

function confirmHelp(task: TaskDefinition): string {
  const example = task.inputs[0]?.slug;
  if (!example) return 'Say "run" to start it, or "cancel".';
  return `Say "run" to start it, "change ${example}" to change an answer, or "cancel".`;
}

const sameValue = (a: InputValue | undefined, b: InputValue) => JSON.stringify(a) === JSON.stringify(b);
const unchanged = (state: FillState, effect: FillEffect): FillStep => ({ state, effects: [effect] });

/**
 * Starts filling `task`'s inputs for `ownerId`. `prefilled` (from `name=value` pairs or extraction) counts as answered
 * and is echoed back; the first missing input is asked, or the summary shown when nothing is missing.
 */
export function startFill(task: TaskDefinition, ownerId: string, prefilled: InputValues): FillStep {
  const values = Object.fromEntries(
    task.inputs.flatMap((f) => {
      const value = valueOf(prefilled, f.id);
      return isAnswered(value) ? [[f.id, value] as const] : [];
    }),
  );
  const base = { v: 1 as const, provider: task.provider, taskId: task.id, ownerId };
  // moveOn settles the phase: the first question, or the summary.
  const state: FillState = { ...base, values, skipped: [], trail: [], phase: 'confirming' };
  const step = moveOn(task, state);
  return Object.keys(values).length > 0 ? withEffects([{ type: 'understood', values }], step) : step;
}

/** One user event: the new state and what to say. Pure; never throws. `task` is the task the state is for. */
export function stepFill(task: TaskDefinition, state: FillState, event: FillEvent): FillStep {
  if (event.userId !== state.ownerId) return unchanged(state, { type: 'not_owner', ownerId: state.ownerId });
  if (state.phase === 'cancelled' || state.phase === 'running') return unchanged(state, { type: 'closed', phase: state.phase });
  const s = reconcile(task, state);
  switch (event.type) {
    case 'text':
      return onText(task, s, event.text);
    case 'pick':
      return onPick(task, s, event.fieldId, event.values);
    case 'skip':
      return onSkip(task, s, event.fieldId);
    case 'back':
      return onBack(task, s);
    case 'cancel':
      return { state: closeQuestion(s, 'cancelled'), effects: [{ type: 'cancelled' }] };
    case 'run_now':
      return runNow(task, s);
    // A Run button from an older summary while a question is open shows the summary again instead of running.
    case 'confirm':
      return s.phase === 'confirming' ? run(task, s) : runNow(task, s);
  }
}

/** What is open now, to show again (after a restart, or when the user comes back): the question or the summary. */
export function currentPrompt(task: TaskDefinition, state: FillState): FillStep {
  if (state.phase === 'cancelled' || state.phase === 'running') return unchanged(state, { type: 'closed', phase: state.phase });
  const s = reconcile(task, state);
  const field = openField(task, s);
  return field ? ask(task, s, field) : summarise(s);
}

function onText(task: TaskDefinition, s: FillState, text: string): FillStep {
  const command = readTypedCommand(text);
  if (command === undefined) return s.phase === 'asking' ? answer(task, s, text) : summarise(s, confirmHelp(task));
  switch (command.kind) {
    case 'skip':
      return onSkip(task, s, undefined);
    case 'back':
      return onBack(task, s);
    case 'cancel':
      return { state: closeQuestion(s, 'cancelled'), effects: [{ type: 'cancelled' }] };
    case 'run':
      return s.phase === 'confirming' ? run(task, s) : runNow(task, s);
    case 'change':
      return onChange(task, s, command.name, text);
  }
}

function answer(task: TaskDefinition, s: FillState, text: string): FillStep {
  const field = openField(task, s);
  if (!field) return summarise(s);
  const parsed = parseTypedValue(field, text);
  if (parsed.ok) return take(task, s, field, parsed.value);
  if (parsed.reason === 'ambiguous' && effectiveKind(field) === 'select') {
    return unchanged(s, { type: 'clarify', field, candidates: parsed.candidates, message: parsed.message });
  }
  return ask(task, s, field, { problem: parsed.message });
}

/** Takes an answer for `field`, which may not be the open question (a button from an earlier message). */
function take(task: TaskDefinition, s: FillState, field: InputField, value: InputValue): FillStep {
  const settled = settle(s, field, value);
  const recorded: FillEffect = { type: 'recorded', field, value };
  if (s.phase === 'confirming') return withEffects([recorded], summarise(settled));
  if (s.asking !== field.id) return { state: settled, effects: [recorded] };
  return withEffects([recorded], moveOn(task, settled));
}

function onPick(task: TaskDefinition, s: FillState, fieldId: string, picked: string[]): FillStep {
  const field = task.inputs.find((f) => f.id === fieldId);
  if (!field) return unchanged(s, { type: 'stale' });
  const read = readPick(field, picked);
  if (!read.ok) return field.id === s.asking ? ask(task, s, field, { problem: read.message }) : unchanged(s, { type: 'stale' });
  // A double click: nothing changes, and the clicker is told why.
  if (sameValue(valueOf(s.values, field.id), read.value)) return unchanged(s, { type: 'stale' });
  return take(task, s, field, read.value);
}

function onSkip(task: TaskDefinition, s: FillState, fieldId: string | undefined): FillStep {
  if (fieldId !== undefined && fieldId !== s.asking) return unchanged(s, { type: 'stale' });
  const field = openField(task, s);
  if (!field) return summarise(s, `There is nothing to skip now. ${confirmHelp(task)}`);
  if (field.required) return ask(task, s, field, { problem: CANNOT_SKIP });
  return withEffects([{ type: 'recorded', field, value: null }], moveOn(task, settle(s, field, null)));
}

function onBack(task: TaskDefinition, s: FillState): FillStep {
  const last = s.trail.at(-1);
  const field = task.inputs.find((f) => f.id === last);
  return field ? reopen(task, s, field) : unchanged(s, { type: 'nothing_to_go_back_to' });
}

function onChange(task: TaskDefinition, s: FillState, name: string, text: string): FillStep {
  const found = findInput(task, name);
  if (found.kind === 'found') return reopen(task, s, found.field);
  // "change management tips" may be the answer to a free-text question rather than a command.
  const open = openField(task, s);
  const freeText = open !== undefined && ['text', 'long_text', 'tags'].includes(effectiveKind(open));
  if (found.kind === 'none' && freeText && name !== '') return answer(task, s, text);
  const inputs = found.kind === 'ambiguous' ? found.candidates : task.inputs;
  return unchanged(s, { type: 'which_input', typed: name, inputs });
}

/** "Run now": the summary, once nothing required is missing; otherwise the first missing required input. */
function runNow(task: TaskDefinition, s: FillState): FillStep {
  const [missing] = missingRequired(task, s.values);
  return missing ? ask(task, s, missing, { problem: needed(missing) }) : summarise(s);
}

function run(task: TaskDefinition, s: FillState): FillStep {
  const [missing] = missingRequired(task, s.values);
  if (missing) return ask(task, s, missing, { problem: needed(missing) });
  return { state: closeQuestion(s, 'running'), effects: [{ type: 'run', values: s.values }] };
}
