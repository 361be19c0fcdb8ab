import { describe, expect, it } from 'vitest';
import { readSubmission } from '../../src/forms/read-submission.js';
import { EXTRA_BLOCK_ID, EXTRA_ACTION_ID, FIELD_ACTION_ID, fieldBlockId } from '../../src/forms/task-modal.js';
import { everyKind } from './fixtures.js';

const opt = (value: string) => ({ text: { type: 'plain_text', text: 'shown', emoji: true }, value });
const block = (i: number) => fieldBlockId(everyKind.inputs[i]!, i);

/** The state Slack sends for the everyKind modal, with every input empty, overridden per block. */
function state(overrides: Record<number, object> = {}, extra: string | null = null) {
  const empty: object[] = [
    { type: 'plain_text_input', value: null },
    { type: 'plain_text_input', value: null },
    { type: 'static_select', selected_option: null },
    { type: 'multi_static_select', selected_options: [] },
    { type: 'multi_external_select', selected_options: [] },
    { type: 'plain_text_input', value: null },
    { type: 'checkboxes', selected_options: [] },
  ];
  const values: Record<string, Record<string, object>> = {};
  empty.forEach((e, i) => (values[block(i)] = { [FIELD_ACTION_ID]: { ...e, ...overrides[i] } }));
  values[EXTRA_BLOCK_ID] = { [EXTRA_ACTION_ID]: { type: 'plain_text_input', value: extra } };
  return values;
}

describe('readSubmission', () => {
  it('reads every kind of input, mapping option indexes back to their text', () => {
    const result = readSubmission(
      everyKind,
      state(
        {
          0: { value: 'AI for dentists' },
          1: { value: '1. Intro\n2. End' },
          2: { selected_option: opt('1') },
          3: { selected_options: [opt('2'), opt('0')] },
          4: { selected_options: [opt('kno_1')] },
          5: { value: ' ai, teeth ,, ' },
          6: { selected_options: [opt('true')] },
        },
        'Be brief',
      ),
    );
    expect(result).toEqual({
      ok: true,
      values: {
        'id-topic': 'AI for dentists',
        'id-outline': '1. Intro\n2. End',
        'id-blog-length': 'Medium (800-1500 words)',
        'id-channels': ['X', 'Blog'],
        'id-knowledge': ['kno_1'],
        'id-keywords': ['ai', 'teeth'],
        'id-include-cta': 'true',
      },
      extraText: 'Be brief',
    });
  });

  it('leaves out empty optional inputs and reads an unticked checkbox as false', () => {
    const result = readSubmission(everyKind, state({ 0: { value: 'x' }, 2: { selected_option: opt('0') } }, '  '));
    expect(result).toEqual({
      ok: true,
      values: { 'id-topic': 'x', 'id-blog-length': 'Short (under 800 words)', 'id-include-cta': 'false' },
    });
  });

  it('says which required inputs are empty, on their blocks', () => {
    expect(readSubmission(everyKind, state({ 0: { value: '   ' } }))).toEqual({
      ok: false,
      errors: { [block(0)]: 'This is required.', [block(2)]: 'This is required.' },
    });
  });

  it('says how long is too long, keeping the text as typed', () => {
    const result = readSubmission(everyKind, state({ 0: { value: 'x'.repeat(501) }, 2: { selected_option: opt('0') } }, 'y'.repeat(3412)));
    expect(result).toEqual({
      ok: false,
      errors: {
        [block(0)]: 'Keep this under 500 characters (now 501).',
        [EXTRA_BLOCK_ID]: 'Keep this under 3,000 characters (now 3,412).',
      },
    });
  });

  it('refuses an option index that does not map', () => {
    const result = readSubmission(
      everyKind,
      state({ 0: { value: 'x' }, 2: { selected_option: opt('7') }, 3: { selected_options: [opt('1'), opt('abc')] } }),
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        [block(2)]: 'That option is no longer available: pick another one.',
        [block(3)]: 'That option is no longer available: pick another one.',
      },
    });
  });

  it('skips inputs the modal did not show', () => {
    const values = state({ 0: { value: 'x' }, 2: { selected_option: opt('2') } });
    delete values[block(1)];
    delete values[EXTRA_BLOCK_ID];
    expect(readSubmission(everyKind, values)).toMatchObject({ ok: true, values: { 'id-topic': 'x' } });
  });

  it('throws on something that is not view state', () => {
    expect(() => readSubmission(everyKind, { a: { b: { value: 'no type' } } })).toThrow();
    expect(() => readSubmission(everyKind, 'nope')).toThrow();
  });
});
