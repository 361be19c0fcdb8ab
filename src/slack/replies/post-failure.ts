import type { KnownBlock } from '@slack/types';
import { ACTION } from '../thread/render/action-ids.js';
import { escapeMrkdwn } from '../../forms/untrusted.js';

/** Told to the user (by DM) when the bot could not post a run in the channel it was asked from. */
export function cannotPostReply(channelId: string, slackError: string, sessionId: string, taskName: string): { text: string; blocks: KnownBlock[] } {
  const task = escapeMrkdwn(taskName);
  const why =
    slackError === 'is_archived'
      ? `<#${channelId}> is archived, so I can't post your *${task}* run there.`
      : `I can't post your *${task}* run in <#${channelId}> because I'm not a member there.`;
  const fix = slackError === 'is_archived' ? 'Run the command in another channel.' : `Invite me with \`/invite @Jasper\` in <#${channelId}>, then press *Try again*.`;
  const text = `${why} ${fix} Your inputs are saved.`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: ACTION.retryPost, style: 'primary', text: { type: 'plain_text', text: 'Try again' }, value: sessionId }],
      },
    ],
  };
}
