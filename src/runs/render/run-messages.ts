import type { KnownBlock } from '@slack/types';
import { SECTION_TEXT } from '../../forms/limits.js';
import { escapeMrkdwn } from '../../forms/markdown.js';
import type { Session } from '../../store/session-schema.js';
import { ACTION } from './action-ids.js';

const STATUS_LINE: Record<Session['status'], string> = {
  pending: ':hourglass_flowing_sand: Running…',
  running: ':hourglass_flowing_sand: Running…',
  done: ':white_check_mark: Done',
  failed: ':x: Failed',
  cancelled: ':black_square_for_stop: Cancelled',
  interrupted: ':warning: Interrupted',
};

/** The channel message every run hangs off: who asked, which task, the inputs in brief, and how it ended. */
export function rootMessage(session: Session, summary: string, agent: string): { text: string; blocks: KnownBlock[] } {
  const turn = session.turns.at(-1);
  const elapsed = turn?.endedAt ? ` in ${formatDuration(turn.endedAt - turn.startedAt)}` : '';
  const followUps = session.turns.length > 1 ? ` · ${session.turns.length - 1} follow-up${session.turns.length > 2 ? 's' : ''}` : '';
  const heading = `<@${session.userId}> asked ${agent} for *${escapeMrkdwn(session.taskName)}*`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `${heading}\n${summary}`.slice(0, SECTION_TEXT) } },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${STATUS_LINE[session.status]}${elapsed}${followUps} · details in the thread` }],
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
  return { text: `${session.taskName} for <@${session.userId}>: ${STATUS_LINE[session.status]}`, blocks };
}

/** A message in the thread that says why a run stopped and offers Retry. */
export function failureMessage(sessionId: string, explanation: string, partial: boolean): { text: string; blocks: KnownBlock[] } {
  const note = partial ? '\n:warning: The output above is *incomplete*: it stopped before the end.' : '';
  const text = `:x: ${escapeMrkdwn(explanation)}${note}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, SECTION_TEXT) } },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: ACTION.retryRun, style: 'primary', text: { type: 'plain_text', text: 'Retry' }, value: sessionId },
        ],
      },
    ],
  };
}

export function cancelledMessage(sessionId: string, byUserId: string, partial: boolean): { text: string; blocks: KnownBlock[] } {
  const note = partial ? ' The output above is *incomplete*.' : '';
  const text = `:black_square_for_stop: Cancelled by <@${byUserId}>.${note}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: ACTION.retryRun, text: { type: 'plain_text', text: 'Run again' }, value: sessionId }],
      },
    ],
  };
}

/** The bot stopped (a restart or deploy) while the run was going: say so, and offer to run it again. */
export function interruptedMessage(sessionId: string): { text: string; blocks: KnownBlock[] } {
  const text = ':warning: I was restarted while this was running, so it stopped. Anything above is *incomplete*. Press Retry to run it again.';
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: ACTION.retryRun, style: 'primary', text: { type: 'plain_text', text: 'Retry' }, value: sessionId }],
      },
    ],
  };
}

/** Shown under a finished output: how to keep going. */
export const FOLLOW_UP_HINT: KnownBlock = {
  type: 'context',
  elements: [{ type: 'mrkdwn', text: 'Reply in this thread to change it, e.g. _make the intro shorter_.' }],
};

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
}
