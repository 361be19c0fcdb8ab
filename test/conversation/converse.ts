import { type FillEffect, type FillEvent, type FillState, startFill, stepFill } from '../../src/conversation/index.js';
import type { InputValues, TaskDefinition } from '../../src/providers/types.js';

export const OWNER = 'U_OWNER';

type Sent = FillEvent extends infer E ? (E extends FillEvent ? Omit<E, 'userId'> & { userId?: string } : never) : never;

/** Drives one conversation as its owner, keeping the state between steps. */
export function converse(task: TaskDefinition, prefilled: InputValues = {}) {
  const start = startFill(task, OWNER, prefilled);
  let state: FillState = start.state;
  return {
    started: start.effects,
    get state() {
      return state;
    },
    send(event: Sent): FillEffect[] {
      const step = stepFill(task, state, { userId: OWNER, ...event } as FillEvent);
      state = step.state;
      return step.effects;
    },
    say(text: string): FillEffect[] {
      return this.send({ type: 'text', text });
    },
  };
}
