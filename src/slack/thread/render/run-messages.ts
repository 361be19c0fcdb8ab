import type { KnownBlock } from '@slack/types';
import { formatCount, SECTION_TEXT } from '../../../forms/limits.js';
import { escapeMrkdwn } from '../../../forms/untrusted.js';
import type { Session } from '../../../store/session-schema.js';
import { keepWritingButton } from '../../replies/keep-writing-button.js';
import { statusCardInThread } from '../run-reaction.js';
import { ACTION } from './action-ids.js';
import { encodeRunButton } from './run-button.js';

const STATUS_LINE: Record<Session['status'], string> = {
  pending: ':hourglass_flowing_sand: Running…',
  running: ':hourglass_flowing_sand: Running…',
  done: ':white_check_mark: Done',
  failed: ':x: Failed',
  cancelled: ':black_square_for_stop: Cancelled',
  interrupted: ':warning: Interrupted',
};

function rootHeading(session: Session, agent: string): string {
  return `<@${session.userId}> asked ${agent} for *${escapeMrkdwn(session.taskName)}*`;
}

/**
 * The root message of a run that was posted but could not be started: the session store went away between the two.
 * No buttons: nothing was saved for them to act on.
 */
export function notStartedMessage(session: Session, summary: string, agent: string): { text: string; blocks: KnownBlock[] } {
  const status = ":warning: Not started: I couldn't save the run (my session store is unreachable). Please run it again in a minute.";
  return {
    text: `${escapeMrkdwn(session.taskName)} for <@${session.userId}>: not started`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${rootHeading(session, agent)}\n${summary}`.slice(0, SECTION_TEXT) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: status }] },
    ],
  };
}

/** The channel message every run hangs off: who asked, which task, the inputs in brief, and how it ended. */
export function rootMessage(session: Session, summary: string, agent: string): { text: string; blocks: KnownBlock[] } {
  const turn = session.turns.at(-1);
  const elapsed = turn?.endedAt ? ` in ${formatDuration(turn.endedAt - turn.startedAt)}` : '';
  // What the upstream counted for the run (a job's `tokens_used`): " · 1,234 tokens".
  const used = Object.entries(turn?.usage ?? {})
    .filter(([, n]) => Number.isFinite(n))
    .map(([what, n]) => ` · ${formatCount(n)} ${escapeMrkdwn(what.replace(/_/g, ' ')).slice(0, 30)}`)
    .join('');
  // Runs again (Retry, edited inputs) are the same request, not a conversation: only replies count.
  const replies = session.turns.filter((t, i) => i > 0 && !t.again).length;
  const followUps = replies > 0 ? ` · ${replies} follow-up${replies > 1 ? 's' : ''}` : '';
  const heading = rootHeading(session, agent);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `${heading}\n${summary}`.slice(0, SECTION_TEXT) } },
    {
      type: 'context',
      // Inside the thread there is no other place to send people to.
      elements: [{ type: 'mrkdwn', text: `${STATUS_LINE[session.status]}${elapsed}${used}${followUps}${statusCardInThread(session) ? '' : ' · details in the thread'}` }],
    },
  ];
  const running = session.status === 'running' || session.status === 'pending';
  blocks.push({
    type: 'actions',
    elements: [
      running
        ? { type: 'button', action_id: ACTION.cancelRun, text: { type: 'plain_text', text: 'Cancel' }, value: session.id }
        : { type: 'button', action_id: ACTION.editRerun, text: { type: 'plain_text', text: 'Edit inputs & run again' }, value: session.id },
    ],
  });
  return { text: `${escapeMrkdwn(session.taskName)} for <@${session.userId}>: ${STATUS_LINE[session.status]}`, blocks };
}

/** A message in the thread that says why a run stopped and offers Retry (for this turn: see run-button.ts). */
export function failureMessage(sessionId: string, turnId: string, explanation: string, partial: boolean): { text: string; blocks: KnownBlock[] } {
  const note = partial ? '\n:warning: The output above is *incomplete*: it stopped before the end.' : '';
  const text = `:x: ${escapeMrkdwn(explanation)}${note}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, SECTION_TEXT) } },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: ACTION.retryRun, style: 'primary', text: { type: 'plain_text', text: 'Retry' }, value: encodeRunButton({ sessionId, turnId }) },
        ],
      },
    ],
  };
}

export function cancelledMessage(sessionId: string, turnId: string, byUserId: string, partial: boolean): { text: string; blocks: KnownBlock[] } {
  const note = partial ? ' The output above is *incomplete*.' : '';
  const text = `:black_square_for_stop: Cancelled by <@${byUserId}>.${note}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: ACTION.retryRun, text: { type: 'plain_text', text: 'Run again' }, value: encodeRunButton({ sessionId, turnId }) }],
      },
    ],
  };
}

/** The bot stopped (a restart or deploy) while the run was going: say so, and offer to run it again. */
export function interruptedMessage(sessionId: string, turnId: string): { text: string; blocks: KnownBlock[] } {
  const text = ':warning: I was restarted while this was running, so it stopped. Anything above is *incomplete*. Press Retry to run it again.';
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: ACTION.retryRun, style: 'primary', text: { type: 'plain_text', text: 'Retry' }, value: encodeRunButton({ sessionId, turnId }) }],
      },
    ],
  };
}

/** The worker that ran this stopped (a restart or deploy) and another picked the run up where it was. */
export function resumedMessage(): { text: string; blocks: KnownBlock[] } {
  const text = ':arrows_counterclockwise: I was restarted while this was running; I picked it up where it was and carry on here.';
  return { text, blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text }] }] };
}

/** Under a finished output: Keep writing, and how to keep going under the thread's first output only (once a thread). */
export function finishedFooter(session: Pick<Session, 'id' | 'turns'>): KnownBlock[] {
  const first = session.turns.length <= 1;
  return [...(first ? [FOLLOW_UP_HINT] : []), { type: 'actions', elements: [keepWritingButton(session.id)] }];
}

/** Shown under a finished output: how to keep going. */
const FOLLOW_UP_HINT: KnownBlock = {
  type: 'context',
  elements: [{ type: 'mrkdwn', text: 'Reply in this thread to change it, e.g. _make the intro shorter_.' }],
};

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
}
