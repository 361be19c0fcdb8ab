import type { TaskDefinition } from '../providers/types.js';
import { isAnswered, nextMissing } from './fill-order.js';
import type { FillState } from './fill-state.js';
import { closeQuestion, openQuestion } from './fill-steps.js';

/**
 * Fits a stored state to the task as it is now: the task may have changed upstream since the conversation began (an
 * input removed, one made required). Answers to inputs that are gone are dropped; the open question moves on if it
 * no longer needs asking. A state the machine made for this task comes back unchanged.
 */
export function reconcile(task: TaskDefinition, state: FillState): FillState {
  const ids = new Set(task.inputs.map((f) => f.id));
  const optional = new Set(task.inputs.filter((f) => !f.required).map((f) => f.id));
  const values = Object.fromEntries(Object.entries(state.values).filter(([id, v]) => ids.has(id) && isAnswered(v)));
  const skipped = [...new Set(state.skipped)].filter((id) => optional.has(id) && !Object.hasOwn(values, id));
  const isSettled = (id: string) => Object.hasOwn(values, id) || skipped.includes(id);
  const trail = state.trail.filter((id, i) => state.trail.lastIndexOf(id) === i && isSettled(id));
  const next: FillState = { ...state, values, skipped, trail };
  if (next.phase !== 'asking') return next;
  if (next.asking !== undefined && ids.has(next.asking) && !isSettled(next.asking)) return next;
  const field = nextMissing(task, next);
  return field ? openQuestion(next, field.id) : closeQuestion(next, 'confirming');
}
