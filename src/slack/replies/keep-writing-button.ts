import type { Button } from '@slack/types';

export const KEEP_WRITING_ACTION = 'run.keep_writing';
/** The instruction a Keep writing turn is recorded with (and what a provider without keep-writing is asked). */
export const KEEP_WRITING_INSTRUCTION = 'Keep writing';

/** "Keep writing" under a finished output: continues that session's last output as a new turn (value: the session id). */
export function keepWritingButton(sessionId: string): Button {
  return { type: 'button', action_id: KEEP_WRITING_ACTION, text: { type: 'plain_text', text: 'Keep writing' }, value: sessionId };
}
