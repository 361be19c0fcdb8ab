import { mayActOnRun, notYourRun, type RunAction } from '../../access/run-access.js';
import type { SlackServices } from '../../services/slack-services.js';
import type { Session } from '../../../store/session-schema.js';
import { tellClicker, type ButtonArgs } from './button-context.js';

export type RunOwnerServices = Pick<SlackServices, 'access' | 'command' | 'sessions'>;

/**
 * The session a run button is about, when the clicker may do `action` on it (run-access.ts); otherwise the clicker is
 * told why, only they see it, and the answer is undefined.
 */
export async function sessionForAction(services: RunOwnerServices, args: ButtonArgs, action: RunAction, sessionId: string, userId: string): Promise<Session | undefined> {
  let session: Session | undefined;
  try {
    session = await services.sessions.get(sessionId);
  } catch (error) {
    args.logger.error(`Could not read session ${sessionId}: ${String(error)}`);
    await tellClicker(args, "I couldn't check this run: the session store is not reachable. Try again in a minute.");
    return undefined;
  }
  if (!session) {
    await tellClicker(args, `This run has expired; start a new one with \`${services.command} run\`.`);
    return undefined;
  }
  if (!mayActOnRun(action, userId, session.userId, services.access)) {
    await tellClicker(args, notYourRun(action, services.command));
    return undefined;
  }
  return session;
}
