/** Who may act on a run: its owner by default, the run admins always, and anyone in the channel for Cancel when allowed. */
export type RunAction = 'cancel' | 'retry' | 'edit';

export interface RunAccessSettings {
  /** `RUN_ADMINS`: may act on any run. */
  runAdmins: readonly string[];
  /** `CANCEL_BY_ANYONE`: anyone in the channel may cancel a run. */
  cancelByAnyone: boolean;
}

export function mayActOnRun(action: RunAction, userId: string, ownerId: string, settings: RunAccessSettings): boolean {
  if (userId === ownerId || settings.runAdmins.includes(userId)) return true;
  return action === 'cancel' && settings.cancelByAnyone;
}

/** The polite refusal the clicker alone sees. */
export function notYourRun(action: RunAction, command: string): string {
  const what = { cancel: 'cancel', retry: 'run again', edit: 'edit and run again' }[action];
  return `Sorry, only the person who started this run can ${what} it. You can start your own with ${command} run.`;
}
