/**
 * The Home tab's Tones: every tone of the workspace, a page at a time, with its voice in words. People allowed to
 * change tones get an Edit / Delete menu on each (Delete asks in a modal first) and a "New tone" button; others only
 * see them. At most 1 + 3 + 2 + 1 = 7 blocks.
 */
import type { KnownBlock } from '@slack/types';
import { mrkdwnWithin, oneLine } from '../fill-prompts/blocks.js';
import { HEADER_TEXT, truncate } from '../limits.js';
import type { Compaction } from './compaction.js';
import { HOME_ACTION, type HomeModel } from './model.js';
import { homeButton, pageOf, pagerBlocks } from './pager.js';

export const TONES_PER_PAGE = 3;
/** The Edit / Delete menu's option values: `edit:<id>`, `delete:<id>`. */
export const TONE_MENU = { edit: 'edit', delete: 'delete' } as const;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

export function toneBlocks(tones: NonNullable<HomeModel['tones']>, c: Compaction): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(truncate('Tones', HEADER_TEXT)) }];
  const page = pageOf(tones.items, tones.page, TONES_PER_PAGE);
  for (const tone of page.items) {
    const lines = [`🎙️ *${mrkdwnWithin(oneLine(tone.name) || tone.id, c.nameMax)}*`];
    if (tone.description) lines.push(mrkdwnWithin(oneLine(tone.description), c.descriptionMax));
    // A menu value carries the tone's id: one too long for it is shown without the menu.
    const menu = tones.canEdit && tone.id.length + 7 <= 150;
    blocks.push({
      type: 'section',
      ...(menu && { block_id: `home.tone.${tone.id}` }),
      text: { type: 'mrkdwn', text: lines.join('\n') },
      ...(menu && {
        accessory: {
          type: 'overflow',
          action_id: HOME_ACTION.toneMenu,
          options: [
            { text: plain('Edit'), value: `${TONE_MENU.edit}:${tone.id}` },
            { text: plain('Delete…'), value: `${TONE_MENU.delete}:${tone.id}` },
          ],
        },
      }),
    });
  }
  blocks.push(...pagerBlocks('home.tones', HOME_ACTION.tonesPage, page, 'tones'));
  const note = tones.items.length === 0 ? 'No tones yet.' : '';
  if (tones.canEdit) {
    blocks.push({ type: 'actions', block_id: 'home.tones.new', elements: [homeButton('New tone', HOME_ACTION.toneNew, 'new', 'primary')] });
    if (note) blocks.splice(1, 0, { type: 'context', elements: [{ type: 'mrkdwn', text: note }] });
  } else {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${note ? `${note} ` : ''}Only the people this bot's admins named (or workspace admins) can change tones.` }] });
  }
  return blocks;
}
