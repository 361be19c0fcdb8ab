import type { Logger } from '@slack/logger';
import type { WebClient } from '@slack/web-api';
import type { RunStatus, Session } from '../../store/session-schema.js';
import { slackErrorCode } from './slack-errors.js';

/** The reaction that shows a run's state on the message that started it. */
const MARK: Record<RunStatus, string> = {
  pending: 'hourglass_flowing_sand',
  running: 'hourglass_flowing_sand',
  done: 'white_check_mark',
  failed: 'x',
  cancelled: 'black_square_for_stop',
  interrupted: 'warning',
};

/**
 * Whether the run's status card is a reply inside a thread (a run started from a conversation): the thread's first
 * message (the mention, DM or `/jasper chat` message) then shows the run's state to people who have not opened it.
 */
export function statusCardInThread(session: Pick<Session, 'threadTs' | 'statusTs'>): boolean {
  return session.threadTs !== undefined && session.statusTs !== session.threadTs;
}

/**
 * Swaps the state reaction on the thread's first message from `from` to `to` (the new one first, so the message is
 * never without one). Already there or already gone is fine; anything else is logged, never thrown.
 */
export async function swapRunReaction(client: WebClient, logger: Logger, session: Session, from: RunStatus | undefined, to: RunStatus): Promise<void> {
  if (!statusCardInThread(session) || !session.threadTs) return;
  const target = { channel: session.channelId, timestamp: session.threadTs };
  const tolerate = (expected: string) => (error: unknown) => {
    if (slackErrorCode(error) !== expected) logger.warn(`Could not show run state on the message of session ${session.id}: ${String(error)}`);
  };
  await client.reactions.add({ ...target, name: MARK[to] }).catch(tolerate('already_reacted'));
  if (from !== undefined && MARK[from] !== MARK[to]) await client.reactions.remove({ ...target, name: MARK[from] }).catch(tolerate('no_reaction'));
}
