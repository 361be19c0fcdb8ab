import type { InputBlock, KnownBlock } from '@slack/types';
import { z } from 'zod';
import type { BrandOption, BrandSettings, KnowledgeItem } from '../providers/types.js';
import { knowledgeOption, type ValuedOption } from './external-options.js';
import type { HomeModel } from './home/model.js';
import { formatCount, HEADER_TEXT, OPTION_VALUE, STATIC_SELECT_OPTIONS, truncate } from './limits.js';

/** Block ids of the Brand section of the run modal (each input's action id is `BRAND_ACTION_ID`, knowledge apart). */
export const BRAND_BLOCK = {
  tone: 'brand.tone',
  audience: 'brand.audience',
  style: 'brand.style',
  language: 'brand.language',
  knowledge: 'brand.knowledge',
} as const;
/** The action id of the tone, audience, style guide and language selects. */
export const BRAND_ACTION_ID = 'brand_value';
/** The knowledge picker (multi_external_select): answer its options request with `knowledgeOptions`. */
export const BRAND_KNOWLEDGE_ACTION_ID = 'brand_knowledge';
/** The value of the "None" / "No default" option of a brand select: clears the setting. */
export const NO_DEFAULT_VALUE = '__none__';
/** The most blocks `brandBlocks` returns (a heading and five inputs): room to keep in a modal. */
export const BRAND_BLOCKS_MAX = 6;

export type BrandKind = 'tone' | 'audience' | 'style' | 'language';

export const BRAND_KINDS: readonly BrandKind[] = ['tone', 'audience', 'style', 'language'];

/** Labels and words for each brand setting. */
export const BRAND_WORDS: Record<BrandKind, { label: string; plural: string; placeholder: string }> = {
  tone: { label: 'Tone', plural: 'tones', placeholder: 'Choose a tone' },
  audience: { label: 'Audience', plural: 'audiences', placeholder: 'Choose an audience' },
  style: { label: 'Style guide', plural: 'style guides', placeholder: 'Choose a style guide' },
  language: { label: 'Output language', plural: 'languages', placeholder: 'Choose a language' },
};

/** The list a brand setting is chosen from, as brand options (languages: the code is the id). */
export function brandList(options: HomeModel['brandOptions'], kind: BrandKind): BrandOption[] {
  switch (kind) {
    case 'tone':
      return options.tones;
    case 'audience':
      return options.audiences;
    case 'style':
      return options.styles;
    case 'language':
      return options.languages.map((l) => ({ id: l.code, name: l.name }));
  }
}

/** The preset id of a brand setting. */
export function brandPreset(preset: HomeModel['defaults'], kind: BrandKind): string | undefined {
  switch (kind) {
    case 'tone':
      return preset.toneId;
    case 'audience':
      return preset.audienceId;
    case 'style':
      return preset.styleGuideId;
    case 'language':
      return preset.toLanguage;
  }
}

export interface BrandChoices {
  /** The "none" option first, then the listed items; empty when there is nothing to choose. */
  options: ValuedOption[];
  /** The option of the preset id, when it is listed. */
  initial?: ValuedOption;
  /** Items that can be chosen (ids that fit an option value). */
  total: number;
  /** Items listed (at most `max` - 1). */
  listed: number;
}

/**
 * The options of a brand select: "none" first, then the items in their order, at most `max` in all (a static select
 * holds 100). When the list is shortened, the preset item is kept in it. Items whose id is too long for an option value
 * cannot be sent back, so they are not offered.
 */
export function brandChoices(
  items: readonly BrandOption[],
  selectedId: string | undefined,
  noneLabel: string,
  max: number = STATIC_SELECT_OPTIONS,
): BrandChoices {
  const usable = [
    ...new Map(
      items.filter((i) => i.id !== '' && i.id !== NO_DEFAULT_VALUE && i.id.length <= OPTION_VALUE).map((i) => [i.id, i]),
    ).values(),
  ];
  if (usable.length === 0) return { options: [], total: 0, listed: 0 };
  const room = Math.max(1, Math.min(max, STATIC_SELECT_OPTIONS) - 1);
  const listed = usable.slice(0, room);
  const selected = usable.find((i) => i.id === selectedId);
  if (selected && !listed.includes(selected)) listed[listed.length - 1] = selected;
  const options = listed.map((i) => knowledgeOption({ id: i.id, name: i.name.trim() }));
  const initial = options.find((o) => o.value === selectedId);
  const none = knowledgeOption({ id: NO_DEFAULT_VALUE, name: noneLabel });
  return { options: [none, ...options], ...(initial && { initial }), total: usable.length, listed: listed.length };
}

/** "Only the first 99 of 130 tones fit in this menu.", or null when nothing was left out. */
export function shortenedNote(choices: BrandChoices, kind: BrandKind, where: string): string | null {
  if (choices.listed >= choices.total) return null;
  const { plural } = BRAND_WORDS[kind];
  return `Only the first ${formatCount(choices.listed)} of ${formatCount(choices.total)} ${plural} fit in ${where}.`;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

export interface BrandBlockOptions {
  /** Offer the knowledge picker (when the provider can search knowledge). Default true. */
  knowledge?: boolean;
  /** Knowledge already chosen (a form opened again), shown as selected. */
  knowledgeItems?: readonly KnowledgeItem[];
}

/**
 * The optional "Brand" section of the run modal: a heading, then optional inputs for tone, audience, style guide and
 * output language (static selects pre-set from `preset`; a list longer than a select holds is shortened, and the hint
 * says so) and knowledge (a multi_external_select answered from the knowledge search). A setting with nothing to choose
 * is left out. At most `BRAND_BLOCKS_MAX` blocks; nothing at all when there is nothing to offer.
 */
export function brandBlocks(
  options: HomeModel['brandOptions'],
  preset: HomeModel['defaults'],
  extra: BrandBlockOptions = {},
): KnownBlock[] {
  const inputs: InputBlock[] = [];
  for (const kind of BRAND_KINDS) {
    const choices = brandChoices(brandList(options, kind), brandPreset(preset, kind), 'None');
    if (choices.options.length === 0) continue;
    const words = BRAND_WORDS[kind];
    const note = shortenedNote(choices, kind, 'this menu');
    inputs.push({
      type: 'input',
      block_id: BRAND_BLOCK[kind],
      optional: true,
      label: plain(words.label),
      ...(note !== null && { hint: plain(note) }),
      element: {
        type: 'static_select',
        action_id: BRAND_ACTION_ID,
        placeholder: plain(words.placeholder),
        options: choices.options,
        ...(choices.initial && { initial_option: choices.initial }),
      },
    });
  }
  if (extra.knowledge ?? true) {
    const chosen = [...new Map((extra.knowledgeItems ?? []).filter((k) => k.id.length <= OPTION_VALUE).map((k) => [k.id, k])).values()];
    inputs.push({
      type: 'input',
      block_id: BRAND_BLOCK.knowledge,
      optional: true,
      label: plain('Knowledge'),
      hint: plain('Documents Jasper should draw on for this run.'),
      element: {
        type: 'multi_external_select',
        action_id: BRAND_KNOWLEDGE_ACTION_ID,
        placeholder: plain('Search knowledge'),
        // List as soon as the menu opens (Slack waits for 3 characters by default).
        min_query_length: 0,
        ...(chosen.length > 0 && { initial_options: chosen.map(knowledgeOption) }),
      },
    });
  }
  if (inputs.length === 0) return [];
  return [{ type: 'header', text: plain(truncate('Brand', HEADER_TEXT)) }, ...inputs];
}

const optionState = z.looseObject({ value: z.string() });
const actionState = z.looseObject({
  selected_option: optionState.nullish(),
  selected_options: z.array(optionState).nullish(),
});
const stateSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

function firstAction(state: z.infer<typeof stateSchema>, blockId: string) {
  const block = state[blockId];
  const action = block ? Object.values(block)[0] : undefined;
  const parsed = actionState.safeParse(action);
  return parsed.success ? parsed.data : undefined;
}

const BRAND_FIELD: Record<BrandKind, 'toneId' | 'audienceId' | 'styleGuideId' | 'toLanguage'> = {
  tone: 'toneId',
  audience: 'audienceId',
  style: 'styleGuideId',
  language: 'toLanguage',
};

/**
 * The Brand section of a submitted modal (`view.state.values`) as the run's brand settings. Missing blocks, "None" and
 * anything that is not Slack's view state read as not set: brand settings are optional and never stop a run.
 */
export function readBrand(stateValues: unknown): BrandSettings {
  const parsed = stateSchema.safeParse(stateValues);
  if (!parsed.success) return {};
  const state = parsed.data;
  const brand: BrandSettings = {};
  for (const kind of BRAND_KINDS) {
    const value = firstAction(state, BRAND_BLOCK[kind])?.selected_option?.value;
    if (value && value !== NO_DEFAULT_VALUE) brand[BRAND_FIELD[kind]] = value;
  }
  const picked = firstAction(state, BRAND_BLOCK.knowledge)?.selected_options ?? [];
  const knowledgeIds = [...new Set(picked.map((o) => o.value).filter((v) => v !== ''))];
  if (knowledgeIds.length > 0) brand.knowledgeIds = knowledgeIds;
  return brand;
}
