/** What the user did, as the surface saw it. `userId` is who did it: only the owner's events count. */
export type FillEvent =
  /** A typed reply in the thread; the machine recognises "skip", "back", "cancel", "run" and "change <input>". */
  | { type: 'text'; userId: string; text: string }
  /** A button or menu choice for an input: option texts, knowledge ids, 'true'/'false' for a checkbox. */
  | { type: 'pick'; userId: string; fieldId: string; values: string[] }
  /** The Skip button; `fieldId` is the question it was on, so a stale button never skips another question. */
  | { type: 'skip'; userId: string; fieldId?: string }
  /** Buttons: Back, Run now (on a question), Run (on the summary), Cancel. */
  | { type: 'back' | 'cancel' | 'run_now' | 'confirm'; userId: string };
