import type { SectionBlock } from '@slack/types';
import type { BrandSettings, KnowledgeItem } from '../providers/types.js';
import { BRAND_KINDS, BRAND_WORDS, brandList, brandPreset } from './brand-section.js';
import type { HomeModel } from './home/model.js';
import { SECTION_TEXT, truncate } from './limits.js';
import { escapeMrkdwn } from './untrusted.js';

/** The block of the one-line Brand summary; the pickers replace it when its button is pressed. */
export const BRAND_SUMMARY_BLOCK = 'brand.summary';
/** The summary's "Change" button: the listener updates the view in place with the Brand pickers. */
export const BRAND_EXPAND_ACTION = 'brand.expand';

const NAME_MAX = 60;

/**
 * The brand settings that will apply, in one line ("*Brand:* Tone: Friendly · Output language: French"), with a
 * button that shows the pickers. Names come from the lists; an id no list holds is shown as it is.
 */
export function brandSummaryBlock(options: HomeModel['brandOptions'], preset: BrandSettings, knowledge: readonly KnowledgeItem[] = []): SectionBlock {
  const parts = BRAND_KINDS.flatMap((kind) => {
    const id = brandPreset(preset, kind);
    if (!id) return [];
    const name = brandList(options, kind).find((o) => o.id === id)?.name.trim() || id;
    return [`${BRAND_WORDS[kind].label}: ${escapeMrkdwn(truncate(name, NAME_MAX))}`];
  });
  const ids = preset.knowledgeIds ?? [];
  if (ids.length > 0) {
    const names = ids.map((id) => knowledge.find((k) => k.id === id)?.name.trim() || id);
    parts.push(`Knowledge: ${escapeMrkdwn(truncate(names.join(', '), NAME_MAX * 2))}`);
  }
  const line = parts.length > 0 ? parts.join(' · ') : '_No brand settings: the agent writes as it would by default._';
  return {
    type: 'section',
    block_id: BRAND_SUMMARY_BLOCK,
    text: { type: 'mrkdwn', text: truncate(`*Brand:* ${line}`, SECTION_TEXT) },
    accessory: { type: 'button', action_id: BRAND_EXPAND_ACTION, text: { type: 'plain_text', text: 'Change', emoji: true } },
  };
}
