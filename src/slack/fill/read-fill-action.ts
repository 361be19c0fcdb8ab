import type { FillEvent } from '../../conversation/index.js';
import { FILL_ACTION, fieldIdFromBlockId, fillActionOf, readPickValue, readSkipValue } from '../../forms/fill-actions.js';
import type { TaskDefinition } from '../../providers/types.js';

export interface FillAction {
  actionId: string;
  blockId?: string;
  value?: string;
  /** Values chosen in a menu (one for a select, several for a multi-select). */
  selected: string[];
}

/** Turns a click or menu choice on a fill message into the machine's event, reading raw values against the task. */
export function readFillAction(action: FillAction, userId: string): ((task: TaskDefinition) => FillEvent) | undefined {
  switch (fillActionOf(action.actionId)) {
    case FILL_ACTION.pick:
    case FILL_ACTION.select:
    case FILL_ACTION.multi:
    case FILL_ACTION.options:
    case FILL_ACTION.knowledge:
      return (task) => {
        const fieldId = action.blockId ? fieldIdFromBlockId(task, action.blockId) : null;
        const field = task.inputs.find((f) => f.id === fieldId);
        const raw = action.value !== undefined ? [action.value] : action.selected;
        const values = field ? raw.map((v) => readPickValue(field, v)).filter((v): v is string => v !== null) : [];
        return { type: 'pick', userId, fieldId: fieldId ?? action.blockId ?? '', values };
      };
    case FILL_ACTION.skip:
      return (task) => ({ type: 'skip', userId, fieldId: readSkipValue(task, action.value ?? '') });
    case FILL_ACTION.back:
      return () => ({ type: 'back', userId });
    case FILL_ACTION.runNow:
      return () => ({ type: 'run_now', userId });
    case FILL_ACTION.confirm:
      return () => ({ type: 'confirm', userId });
    case FILL_ACTION.cancel:
      return () => ({ type: 'cancel', userId });
    default:
      return undefined;
  }
}
