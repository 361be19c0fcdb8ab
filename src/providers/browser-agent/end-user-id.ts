import { createHash } from 'node:crypto';
import type { RunRequest } from '../types.js';
import { MAX_END_USER_ID } from './browser-agent-schemas.js';

/** Used when a run request does not say whom it is for (e.g. a run started before requests carried it). */
export const UNKNOWN_END_USER = 'slack:unknown';

/**
 * The browser agent's `endUserId` for a run: the Slack workspace and person (`slack:T123:U456`), so its per-user
 * sessions and limits follow people, not the bot. Slack ids are short; an id that would still be over the API's 256
 * characters is replaced by a stable digest of it rather than cut (two cut ids could collide).
 */
export function endUserIdOf(request: Pick<RunRequest, 'onBehalfOf'>): string {
  const who = request.onBehalfOf;
  if (!who) return UNKNOWN_END_USER;
  const id = `slack:${who.teamId}:${who.userId}`;
  return id.length <= MAX_END_USER_ID ? id : `slack:sha256:${createHash('sha256').update(id).digest('hex')}`;
}
