import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BRAND_ACTION_ID,
  BRAND_BLOCK,
  BRAND_BLOCKS_MAX,
  BRAND_KNOWLEDGE_ACTION_ID,
  brandBlocks,
  NO_DEFAULT_VALUE,
  readBrand,
} from '../../src/forms/brand-section.js';
import type { HomeModel } from '../../src/forms/home-view.js';
import { MODAL_BLOCKS, OPTION_VALUE, STATIC_SELECT_OPTIONS } from '../../src/forms/limits.js';
import { viewProblems } from './view-limits.js';

type Json = Record<string, unknown>;
type Options = HomeModel['brandOptions'];

const options: Options = {
  tones: [
    { id: 'tone-1', name: 'Friendly' },
    { id: 'tone-2', name: 'Formal' },
  ],
  audiences: [{ id: 'aud-1', name: 'Developers', description: 'People who code' }],
  styles: [{ id: 'style-1', name: 'House style' }],
  languages: [
    { code: 'EN-US', name: 'English (US)' },
    { code: 'FR', name: 'French' },
  ],
};

/** The blocks in a modal, checked against every modal limit. */
function checked(blocks: KnownBlock[]): InputBlock[] {
  const view: ModalView = { type: 'modal', title: { type: 'plain_text', text: 'Run' }, submit: { type: 'plain_text', text: 'Run' }, blocks };
  expect(viewProblems(view)).toEqual([]);
  expect(blocks.length).toBeLessThanOrEqual(BRAND_BLOCKS_MAX);
  return blocks.filter((b): b is InputBlock => b.type === 'input');
}

const el = (b: InputBlock | undefined) => (b?.element ?? {}) as unknown as Json;
const byId = (inputs: InputBlock[], id: string) => inputs.find((b) => b.block_id === id);

/** What Slack sends back for the blocks when the user leaves every input as it was pre-set. */
function stateAsShown(blocks: KnownBlock[]): Record<string, Record<string, Json>> {
  const state: Record<string, Record<string, Json>> = {};
  for (const b of blocks) {
    if (b.type !== 'input' || !b.block_id) continue;
    const e = el(b);
    state[b.block_id] = {
      [String(e.action_id)]: {
        type: e.type,
        ...(e.type === 'static_select' && { selected_option: e.initial_option ?? null }),
        ...(e.type === 'multi_external_select' && { selected_options: e.initial_options ?? [] }),
      },
    };
  }
  return state;
}

describe('brandBlocks', () => {
  it('offers optional tone, audience, style guide, language and knowledge inputs under a heading', () => {
    const blocks = brandBlocks(options, {});
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Brand' } });
    const inputs = checked(blocks);
    expect(inputs.map((b) => b.block_id)).toEqual([
      BRAND_BLOCK.tone,
      BRAND_BLOCK.audience,
      BRAND_BLOCK.style,
      BRAND_BLOCK.language,
      BRAND_BLOCK.knowledge,
    ]);
    expect(inputs.every((b) => b.optional)).toBe(true);
    expect(inputs.map((b) => b.label.text)).toEqual(['Tone', 'Audience', 'Style guide', 'Output language', 'Knowledge']);
    expect(el(byId(inputs, BRAND_BLOCK.tone))).toMatchObject({ type: 'static_select', action_id: BRAND_ACTION_ID });
    expect((el(byId(inputs, BRAND_BLOCK.language)).options as Json[]).map((o) => o.value)).toEqual([NO_DEFAULT_VALUE, 'EN-US', 'FR']);
    expect(el(byId(inputs, BRAND_BLOCK.knowledge))).toMatchObject({
      type: 'multi_external_select',
      action_id: BRAND_KNOWLEDGE_ACTION_ID,
      min_query_length: 0,
    });
  });

  it('is pre-set from the preset', () => {
    const inputs = checked(brandBlocks(options, { toneId: 'tone-2', audienceId: 'aud-1', styleGuideId: 'style-1', toLanguage: 'FR' }));
    expect(el(byId(inputs, BRAND_BLOCK.tone)).initial_option).toMatchObject({ value: 'tone-2', text: { text: 'Formal' } });
    expect(el(byId(inputs, BRAND_BLOCK.audience)).initial_option).toMatchObject({ value: 'aud-1' });
    expect(el(byId(inputs, BRAND_BLOCK.style)).initial_option).toMatchObject({ value: 'style-1' });
    expect(el(byId(inputs, BRAND_BLOCK.language)).initial_option).toMatchObject({ value: 'FR' });
  });

  it('ignores a preset that is no longer on offer', () => {
    const inputs = checked(brandBlocks(options, { toneId: 'deleted' }));
    expect(el(byId(inputs, BRAND_BLOCK.tone)).initial_option).toBeUndefined();
  });

  it('leaves out a setting with nothing to choose, and knowledge when asked to', () => {
    const inputs = checked(brandBlocks({ ...options, tones: [], styles: [] }, {}, { knowledge: false }));
    expect(inputs.map((b) => b.block_id)).toEqual([BRAND_BLOCK.audience, BRAND_BLOCK.language]);
    expect(brandBlocks({ tones: [], audiences: [], styles: [], languages: [] }, {}, { knowledge: false })).toEqual([]);
  });

  it('shows knowledge already chosen', () => {
    const inputs = checked(brandBlocks(options, {}, { knowledgeItems: [{ id: 'k1', name: 'Brand book' }, { id: 'k1', name: 'Brand book' }] }));
    expect(el(byId(inputs, BRAND_BLOCK.knowledge)).initial_options).toEqual([
      { text: { type: 'plain_text', text: 'Brand book', emoji: true }, value: 'k1' },
    ]);
  });

  it('shortens a list over 100 with a hint, keeps the preset in it, and drops ids too long for a value', () => {
    const tones = [...Array.from({ length: 130 }, (_, i) => ({ id: `t${i}`, name: `Tone ${i}` })), { id: 'x'.repeat(OPTION_VALUE + 1), name: 'Long' }];
    const inputs = checked(brandBlocks({ ...options, tones }, { toneId: 't129' }));
    const tone = byId(inputs, BRAND_BLOCK.tone);
    const opts = el(tone).options as Json[];
    expect(opts).toHaveLength(STATIC_SELECT_OPTIONS);
    expect(opts.map((o) => o.value)).toContain('t129');
    expect(el(tone).initial_option).toMatchObject({ value: 't129' });
    expect(tone?.hint?.text).toBe('Only the first 99 of 130 tones fit in this menu.');
  });

  it('leaves room in a modal: never more than BRAND_BLOCKS_MAX blocks', () => {
    expect(brandBlocks(options, {}).length).toBe(BRAND_BLOCKS_MAX);
    expect(BRAND_BLOCKS_MAX).toBeLessThan(MODAL_BLOCKS);
  });
});

describe('readBrand', () => {
  it('reads back what the section was pre-set to (round trip)', () => {
    const preset = { toneId: 'tone-1', audienceId: 'aud-1', styleGuideId: 'style-1', toLanguage: 'EN-US' };
    const blocks = brandBlocks(options, preset, { knowledgeItems: [{ id: 'k1', name: 'A' }, { id: 'k2', name: 'B' }] });
    expect(readBrand(stateAsShown(blocks))).toEqual({ ...preset, knowledgeIds: ['k1', 'k2'] });
  });

  it('reads nothing from an untouched section without a preset', () => {
    expect(readBrand(stateAsShown(brandBlocks(options, {})))).toEqual({});
  });

  it('reads "None" as not set', () => {
    const state = {
      [BRAND_BLOCK.tone]: { [BRAND_ACTION_ID]: { type: 'static_select', selected_option: { value: NO_DEFAULT_VALUE } } },
      [BRAND_BLOCK.language]: { [BRAND_ACTION_ID]: { type: 'static_select', selected_option: { value: 'FR' } } },
    };
    expect(readBrand(state)).toEqual({ toLanguage: 'FR' });
  });

  it('ignores other blocks, repeats, and anything that is not view state', () => {
    const state = {
      'field:0:topic': { field_value: { type: 'plain_text_input', value: 'x' } },
      [BRAND_BLOCK.knowledge]: {
        [BRAND_KNOWLEDGE_ACTION_ID]: { type: 'multi_external_select', selected_options: [{ value: 'k1' }, { value: 'k1' }] },
      },
      [BRAND_BLOCK.audience]: { [BRAND_ACTION_ID]: 'garbage' },
    };
    expect(readBrand(state)).toEqual({ knowledgeIds: ['k1'] });
    expect(readBrand(null)).toEqual({});
    expect(readBrand('x')).toEqual({});
    expect(readBrand({ [BRAND_BLOCK.tone]: [] })).toEqual({});
  });

  it('reads back any choice made in the section', () => {
    const id = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s !== NO_DEFAULT_VALUE);
    fc.assert(
      fc.property(
        fc.uniqueArray(id, { maxLength: 5 }),
        fc.uniqueArray(id, { maxLength: 5 }),
        fc.uniqueArray(id, { maxLength: 5 }),
        fc.nat(),
        fc.nat(),
        (tones, languages, knowledge, pickTone, pickLanguage) => {
          const opts: Options = {
            tones: tones.map((t) => ({ id: t, name: t })),
            audiences: [],
            styles: [],
            languages: languages.map((l) => ({ code: l, name: l })),
          };
          const preset = { toneId: tones[pickTone % (tones.length || 1)], toLanguage: languages[pickLanguage % (languages.length || 1)] };
          const blocks = brandBlocks(opts, preset, { knowledgeItems: knowledge.map((k) => ({ id: k, name: k })) });
          checked(blocks);
          const expected = {
            ...(preset.toneId !== undefined && { toneId: preset.toneId }),
            ...(preset.toLanguage !== undefined && { toLanguage: preset.toLanguage }),
            ...(knowledge.length > 0 && { knowledgeIds: knowledge }),
          };
          expect(readBrand(stateAsShown(blocks))).toEqual(expected);
        },
      ),
    );
  });
});
