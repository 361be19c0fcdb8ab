import type { InputField, InputValue, InputValues } from '../providers/types.js';

/**
 * What the surface should say or do after a step, in order. Messages inside effects are plain text for the user (not
 * mrkdwn): escape them when rendering.
 */
export type FillEffect =
  /** At the start: the values already known (pre-filled or extracted), so the user can correct them. */
  | { type: 'understood'; values: InputValues }
  /** Ask `field`'s question. `problem` says why it is asked again; `previous` is the answer a back/change dropped. */
  | {
      type: 'ask';
      field: InputField;
      problem?: string;
      previous?: InputValue;
      canSkip: boolean;
      canRunNow: boolean;
      /** 1-based: how many inputs are settled (answered or skipped) before this one, plus one, of all the task's inputs. */
      position: { index: number; total: number };
    }
  /** A typed option matched several: offer these; the question stands. */
  | { type: 'clarify'; field: InputField; candidates: string[]; message: string }
  /** An answer was taken (`value`), or the input skipped (`null`): e.g. replace the question's buttons with it. */
  | { type: 'recorded'; field: InputField; value: InputValue | null }
  /** Everything is answered or skipped: show every input with Run, Edit and Cancel. */
  | { type: 'summary'; values: InputValues; skipped: string[]; problem?: string }
  /** "change <name>" named no input, or several: these are the ones it could be (all of them when none matched). */
  | { type: 'which_input'; typed: string; inputs: InputField[] }
  | { type: 'nothing_to_go_back_to' }
  /** A button from an earlier step that no longer applies: nothing changed. */
  | { type: 'stale' }
  | { type: 'not_owner'; ownerId: string }
  | { type: 'cancelled' }
  /** An event after the conversation ended: nothing changed. */
  | { type: 'closed'; phase: 'cancelled' | 'running' }
  /** Start the run with these values (every required input is in them). */
  | { type: 'run'; values: InputValues };
