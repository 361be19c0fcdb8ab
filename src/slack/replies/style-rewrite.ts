import type { KnownBlock } from '@slack/types';
import { MESSAGE_TEXT, SECTION_TEXT, truncate } from '../../forms/limits.js';
import { escapeMrkdwn } from '../../forms/untrusted.js';

export const STYLE_ACTION = { post: 'style.post', discard: 'style.discard' } as const;

/**
 * The rewrite, shown to the person only, with "Post in thread" and "Discard"; the buttons carry the id under which the
 * rewrite is kept (it may be longer than a button's value holds). A rewrite longer than a section is shown in part
 * and said so; "Post in thread" posts all of it.
 */
export function styleRewriteReply(rewrite: string, styleName: string, pendingId: string): { text: string; blocks: KnownBlock[] } {
  const shown = truncate(escapeMrkdwn(rewrite), SECTION_TEXT - 200);
  const cut = shown.length < escapeMrkdwn(rewrite).length;
  return {
    text: truncate(`Rewritten with ${styleName}: ${rewrite}`, MESSAGE_TEXT),
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Only you can see this. Rewritten with *${escapeMrkdwn(styleName)}*${cut ? ' (shown in part; posting posts all of it)' : ''}:` }] },
      { type: 'section', text: { type: 'mrkdwn', text: shown } },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: STYLE_ACTION.post, style: 'primary', text: { type: 'plain_text', text: 'Post in thread' }, value: pendingId },
          { type: 'button', action_id: STYLE_ACTION.discard, text: { type: 'plain_text', text: 'Discard' }, value: pendingId },
        ],
      },
    ],
  };
}
