import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type FillEffect,
  type FillEvent,
  type FillState,
  FillStateSchema,
  isAnswered,
  missingRequired,
  readTypedCommand,
  startFill,
  stepFill,
} from '../../src/conversation/index.js';
import type { InputValue, TaskDefinition } from '../../src/providers/types.js';
import { CHECKED_GOOD, eventArb, goodArb, OWNER, prefilledArb, resolveGood, taskArb } from './arbitraries.js';

const scenarioArb = taskArb.chain((task) =>
  fc.record({
    task: fc.constant(task),
    prefilled: prefilledArb(task),
    events: fc.array(fc.oneof({ weight: 3, arbitrary: eventArb(task) }, { weight: 1, arbitrary: goodArb }), { maxLength: 40 }),
  }),
);

const own = (values: Record<string, InputValue>, id: string) => (Object.hasOwn(values, id) ? values[id] : undefined);
/** The oracle for the order of questions: required inputs first, then optional ones, each in task order. */
const inOrder = (task: TaskDefinition) => [...task.inputs.filter((f) => f.required), ...task.inputs.filter((f) => !f.required)];
const settled = (s: FillState, id: string) => isAnswered(own(s.values, id)) || s.skipped.includes(id);

/** Back or change: the events that may reopen (and so drop) an answer. */
function mayReopen(event: FillEvent): boolean {
  if (event.type === 'back') return true;
  const kind = event.type === 'text' ? readTypedCommand(event.text)?.kind : undefined;
  return kind === 'back' || kind === 'change';
}

/** Every state the machine makes is well formed for its task. */
function checkState(task: TaskDefinition, s: FillState): void {
  expect(FillStateSchema.safeParse(s).success).toBe(true);
  expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  const ids = task.inputs.map((f) => f.id);
  for (const [id, value] of Object.entries(s.values)) {
    expect(ids).toContain(id);
    expect(isAnswered(value)).toBe(true);
  }
  for (const id of s.skipped) {
    expect(task.inputs.find((f) => f.id === id)?.required).toBe(false);
    expect(own(s.values, id)).toBeUndefined();
  }
  expect(new Set(s.trail).size).toBe(s.trail.length);
  for (const id of s.trail) expect(settled(s, id)).toBe(true);
  if (s.phase === 'asking') {
    expect(ids).toContain(s.asking);
    expect(settled(s, s.asking!)).toBe(false);
  } else {
    expect(s.asking).toBeUndefined();
  }
}

/** What the effects of one step may say, given the state they lead to. */
function checkEffects(task: TaskDefinition, next: FillState, effects: FillEffect[]): void {
  for (const effect of effects) {
    if (effect.type === 'ask' || effect.type === 'clarify') {
      expect(next.phase).toBe('asking');
      expect(effect.field.id).toBe(next.asking);
      expect(settled(next, effect.field.id)).toBe(false);
    }
    if (effect.type === 'ask') {
      expect(effect.canSkip).toBe(!effect.field.required);
      expect(effect.canRunNow).toBe(missingRequired(task, next.values).length === 0);
      expect(effect.position.index).toBeGreaterThanOrEqual(1);
      expect(effect.position.index).toBeLessThanOrEqual(effect.position.total);
    }
    if (effect.type === 'summary') {
      expect(next.phase).toBe('confirming');
      expect(missingRequired(task, effect.values)).toEqual([]);
    }
    if (effect.type === 'run') {
      expect(next.phase).toBe('running');
      expect(missingRequired(task, effect.values)).toEqual([]);
      expect(effect.values).toEqual(next.values);
    }
    if (effect.type === 'cancelled') expect(next.phase).toBe('cancelled');
  }
  const prompts = effects.filter((e) => ['ask', 'clarify', 'summary', 'run', 'cancelled'].includes(e.type));
  expect(prompts.length).toBeLessThanOrEqual(1);
}

function checkStep(task: TaskDefinition, prev: FillState, event: FillEvent, next: FillState, effects: FillEffect[]): void {
  if (event.userId !== OWNER) {
    expect(next).toBe(prev);
    expect(effects).toEqual([{ type: 'not_owner', ownerId: OWNER }]);
    return;
  }
  if (prev.phase === 'cancelled' || prev.phase === 'running') {
    expect(next).toBe(prev);
    expect(effects).toEqual([{ type: 'closed', phase: prev.phase }]);
    return;
  }
  if (effects.some((e) => e.type === 'run')) {
    expect(prev.phase).toBe('confirming');
    expect(event.type === 'confirm' || (event.type === 'text' && readTypedCommand(event.text)?.kind === 'run')).toBe(true);
  }
  // Never loses an answer: it changes only by a new answer for that input, or by reopening it (back/change).
  for (const [id, before] of Object.entries(prev.values)) {
    const after = own(next.values, id);
    if (JSON.stringify(after) === JSON.stringify(before)) continue;
    const answered = effects.some((e) => e.type === 'recorded' && e.field.id === id && e.value !== null);
    const reopened = mayReopen(event) && effects.some((e) => e.type === 'ask' && e.field.id === id && JSON.stringify(e.previous) === JSON.stringify(before));
    expect(answered || reopened, `answer to ${id} lost on ${JSON.stringify(event)}`).toBe(true);
  }
  // A refused answer or a clarification leaves every answer as it was.
  if (effects.some((e) => e.type === 'clarify' || (e.type === 'ask' && e.problem !== undefined))) expect(next.values).toEqual(prev.values);
  if (effects.some((e) => e.type === 'clarify')) expect(next).toEqual(prev);
  // A button for another question (a stale one) never moves the open question.
  const other = (event.type === 'pick' || event.type === 'skip') && event.fieldId !== undefined && event.fieldId !== prev.asking;
  if (other && prev.phase === 'asking') expect(next.asking).toBe(prev.asking);
  // Asks only what is missing, in order: moving on always opens the first input neither answered nor skipped.
  const asked = effects.find((e) => e.type === 'ask');
  if (asked?.type === 'ask' && asked.problem === undefined && !mayReopen(event)) {
    expect(asked.field.id).toBe(inOrder(task).find((f) => !settled(next, f.id))?.id);
  }
}

describe('the fill machine, over random tasks and events', () => {
  it('keeps every rule of issue 3 and never throws', () => {
    fc.assert(
      fc.property(scenarioArb, ({ task, prefilled, events }) => {
        const start = startFill(task, OWNER, prefilled);
        checkState(task, start.state);
        checkEffects(task, start.state, start.effects);
        let state = start.state;
        for (const planned of events) {
          const event = planned.type === 'good' ? resolveGood(task, state.asking, planned) : planned;
          const { state: next, effects } = stepFill(task, state, event);
          checkState(task, next);
          checkEffects(task, next, effects);
          checkStep(task, state, event, next, effects);
          state = next;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a state read back from the store steps the same as the one in memory', () => {
    fc.assert(
      fc.property(scenarioArb, ({ task, prefilled, events }) => {
        let memory = startFill(task, OWNER, prefilled).state;
        let stored: unknown = JSON.parse(JSON.stringify(memory));
        for (const planned of events) {
          const event = planned.type === 'good' ? resolveGood(task, memory.asking, planned) : planned;
          const a = stepFill(task, memory, event);
          const b = stepFill(task, FillStateSchema.parse(stored), event);
          expect(b).toEqual(a);
          memory = a.state;
          stored = JSON.parse(JSON.stringify(b.state));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a conversation that answers every question in order always reaches a run', () => {
    fc.assert(
      fc.property(taskArb, (task) => {
        let { state, effects } = startFill(task, OWNER, {});
        for (let i = 0; i <= task.inputs.length && state.phase === 'asking'; i++) {
          const field = task.inputs.find((f) => f.id === state.asking)!;
          const checked = CHECKED_GOOD[field.kind];
          const values = checked ? [checked] : field.options?.length ? [field.options[0]!] : field.kind === 'checkbox' ? ['true'] : ['ok'];
          ({ state, effects } = stepFill(task, state, { type: 'pick', userId: OWNER, fieldId: field.id, values }));
        }
        expect(effects.at(-1)?.type).toBe('summary');
        const run = stepFill(task, state, { type: 'confirm', userId: OWNER });
        expect(run.effects).toEqual([{ type: 'run', values: state.values }]);
        expect(Object.keys(run.state.values).sort()).toEqual(task.inputs.map((f) => f.id).sort());
      }),
    );
  });
});
