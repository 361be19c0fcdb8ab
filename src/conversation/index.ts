export type { FillEffect } from '../inputs/fill-effect.js';
export type { FillEvent } from './fill-event.js';
export { currentPrompt, startFill, stepFill } from './fill-machine.js';
export { askOrder, isAnswered, missingRequired } from './fill-order.js';
export { FILL_PHASES, type FillPhase, type FillState, FillStateSchema } from './fill-state.js';
export type { FillStep } from './fill-steps.js';
export { readTypedCommand, type TypedCommand } from './typed-command.js';
