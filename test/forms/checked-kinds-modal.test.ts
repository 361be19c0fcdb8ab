import type { InputBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { renderFillEffect } from '../../src/forms/fill-prompts.js';
import { readSubmission } from '../../src/forms/read-submission.js';
import { buildTaskModal, FIELD_ACTION_ID, fieldBlockId, KEY_VALUE_HINT } from '../../src/forms/task-modal.js';
import { encodeRunMetadata } from '../../src/forms/view-metadata.js';
import { field, task } from './fixtures.js';
import { viewProblems } from './view-limits.js';

const metadata = encodeRunMetadata({ provider: 'browser', taskId: 'browse', channelId: 'C1', userId: 'U1' });
const checked = task([
  field('Start URL', 'url'),
  field('Max steps', 'number', { min: 1, max: 25 }),
  field('Data', 'json'),
  field('Output schema', 'json_schema'),
  field('Context', 'key_value'),
]);

function elements(view: ModalView): Record<string, unknown>[] {
  return view.blocks.filter((b): b is InputBlock => b.type === 'input').map((b) => b.element as unknown as Record<string, unknown>);
}

function build(values = {}): ModalView {
  const view = buildTaskModal({ task: checked, metadata, values });
  expect(viewProblems(view)).toEqual([]);
  return view;
}

describe('the modal for the checked kinds', () => {
  it('uses a URL input, a whole-number input with its range, and multiline text for JSON and lines', () => {
    const [url, number, json, schema, lines] = elements(build());
    expect(url).toMatchObject({ type: 'url_text_input', action_id: FIELD_ACTION_ID });
    expect(number).toMatchObject({ type: 'number_input', is_decimal_allowed: false, min_value: '1', max_value: '25' });
    for (const el of [json, schema, lines]) expect(el).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 3000 });
  });

  it('pre-fills each one', () => {
    const values = { 'id-start-url': 'https://example.com', 'id-max-steps': '5', 'id-data': '{"a":1}', 'id-output-schema': '{}', 'id-context': 'a: 1' };
    const els = elements(build(values)).slice(0, 5);
    expect(els.map((e) => e.initial_value)).toEqual(['https://example.com', '5', '{"a":1}', '{}', 'a: 1']);
  });

  it('leaves out an address or number Slack would refuse to open the view with', () => {
    const [url, number] = elements(build({ 'id-start-url': 'example.com', 'id-max-steps': 'ten' }));
    expect(url?.initial_value).toBeUndefined();
    expect(number?.initial_value).toBeUndefined();
  });

  it('tells how to type the lines and the range in the hint', () => {
    const hints = build()
      .blocks.filter((b): b is InputBlock => b.type === 'input')
      .map((b) => b.hint?.text ?? '');
    expect(hints[1]).toContain('A whole number, 1 to 25');
    expect(hints[4]).toContain(KEY_VALUE_HINT);
  });
});

describe('readSubmission for the checked kinds', () => {
  const block = (i: number) => fieldBlockId(checked.inputs[i]!, i);
  function state(values: (string | null)[]) {
    const types = ['url_text_input', 'number_input', 'plain_text_input', 'plain_text_input', 'plain_text_input'];
    return Object.fromEntries(types.map((type, i) => [block(i), { [FIELD_ACTION_ID]: { type, value: values[i] ?? null } }]));
  }

  it('takes valid values as text', () => {
    const result = readSubmission(checked, state(['https://example.com/a', '12', '[1,2]', '{"type":"object"}', 'a: 1\nb=2']));
    expect(result).toEqual({
      ok: true,
      values: {
        'id-start-url': 'https://example.com/a',
        'id-max-steps': '12',
        'id-data': '[1,2]',
        'id-output-schema': '{"type":"object"}',
        'id-context': 'a: 1\nb=2',
      },
    });
  });

  it('leaves empty optional ones out', () => {
    expect(readSubmission(checked, state([null, null, '  ', null, null]))).toEqual({ ok: true, values: {} });
  });

  it('refuses each bad value on its own block with the reason', () => {
    const result = readSubmission(checked, state(['ftp://example.com', '30', '{', '{"type":"text"}', 'nope']));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[block(0)]).toContain('http:// or https://');
    expect(result.errors[block(1)]).toBe('30 is out of range: type a number from 1 to 25.');
    expect(result.errors[block(2)]).toContain('not valid JSON');
    expect(result.errors[block(3)]).toContain('not a JSON Schema');
    expect(result.errors[block(4)]).toContain('Line 1 is not "key: value"');
  });
});

describe('the question in a thread for the checked kinds', () => {
  it('says how to type each one, the range of a number included', () => {
    const texts = checked.inputs.map((f) => {
      const message = renderFillEffect(checked, { type: 'ask', field: f, canSkip: true, canRunNow: false, position: { index: 1, total: 5 } });
      return JSON.stringify(message?.blocks ?? []);
    });
    expect(texts[0]).toContain('http:// or https://');
    expect(texts[1]).toContain('whole number (1 to 25)');
    expect(texts[2]).toContain('with JSON');
    expect(texts[3]).toContain('JSON Schema');
    expect(texts[4]).toContain('key: value');
  });
});
