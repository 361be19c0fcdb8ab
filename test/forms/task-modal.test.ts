import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  buildTaskModal,
  EXTRA_BLOCK_ID,
  FIELD_ACTION_ID,
  fieldBlockId,
  fieldForBlockId,
  KNOWLEDGE_ACTION_ID,
  OPTIONS_ACTION_ID,
  RUN_TASK_CALLBACK_ID,
} from '../../src/forms/task-modal.js';
import { encodeRunMetadata } from '../../src/forms/view-metadata.js';
import { BLOG_LENGTHS, everyKind, field, task } from './fixtures.js';
import { viewProblems } from './view-limits.js';

const metadata = encodeRunMetadata({ provider: 'jasper', taskId: 'task-1', channelId: 'C1', userId: 'U1' });

function inputs(view: ModalView): InputBlock[] {
  return view.blocks.filter((b): b is InputBlock => b.type === 'input');
}

function el(block: InputBlock | undefined): Record<string, unknown> {
  return (block?.element ?? {}) as unknown as Record<string, unknown>;
}

function build(args: Partial<Parameters<typeof buildTaskModal>[0]> = {}): ModalView {
  const view = buildTaskModal({ task: everyKind, metadata, ...args });
  expect(viewProblems(view)).toEqual([]);
  return view;
}

describe('buildTaskModal', () => {
  it('has the callback id, title, buttons and metadata', () => {
    const view = build();
    expect(view.callback_id).toBe(RUN_TASK_CALLBACK_ID);
    expect(view.title.text).toBe('Blog Post');
    expect(view.submit?.text).toBe('Run');
    expect(view.close?.text).toBe('Cancel');
    expect(view.private_metadata).toBe(metadata);
    expect(view.blocks[0]).toMatchObject({ type: 'context', elements: [{ text: everyKind.description }] });
  });

  it('builds one input per field with the right element, optional flag, label and hint', () => {
    const view = build();
    const blocks = inputs(view);
    expect(blocks.map((b) => b.block_id)).toEqual([...everyKind.inputs.map((f, i) => fieldBlockId(f, i)), EXTRA_BLOCK_ID]);
    expect(blocks.map((b) => el(b).type)).toEqual([
      'plain_text_input',
      'plain_text_input',
      'static_select',
      'multi_static_select',
      'multi_external_select',
      'plain_text_input',
      'checkboxes',
      'plain_text_input',
    ]);
    expect(blocks.map((b) => b.optional)).toEqual([false, true, false, true, true, true, true, true]);
    expect(blocks.map((b) => b.label.text)).toEqual([
      ...everyKind.inputs.map((f) => f.question),
      'Anything else the agent should know?',
    ]);
    const [topic, outline, length, channels, knowledge, tags, checkbox, extra] = blocks;
    // Required inputs say so in their hint (Slack marks only the optional ones).
    expect(topic?.hint?.text).toBe('Required. One line is enough');
    expect(length?.hint?.text).toBe('Required.');
    expect(el(topic)).toMatchObject({ action_id: FIELD_ACTION_ID, max_length: 500 });
    expect(el(topic).multiline).toBeUndefined();
    expect(el(outline)).toMatchObject({ multiline: true });
    expect(el(outline).max_length).toBeUndefined();
    expect(el(length).options).toEqual(BLOG_LENGTHS.map((t, i) => ({ text: { type: 'plain_text', text: t, emoji: true }, value: String(i) })));
    expect(el(channels).options).toHaveLength(4);
    expect(el(knowledge)).toMatchObject({ action_id: KNOWLEDGE_ACTION_ID, min_query_length: 0 });
    expect(tags?.hint?.text).toBe('Separate with commas');
    expect(el(checkbox).options).toEqual([{ text: { type: 'plain_text', text: 'Yes', emoji: true }, value: 'true' }]);
    expect(el(extra)).toMatchObject({ type: 'plain_text_input', multiline: true });
  });

  it('pre-fills every kind of input', () => {
    const view = build({
      values: {
        'id-topic': 'AI for dentists',
        'id-outline': '1. Intro\n2. End',
        'id-blog-length': 'Medium (800-1500 words)',
        'id-channels': ['X', 'Blog'],
        'id-knowledge': ['kno_1', 'kno_2'],
        'id-keywords': ['ai', 'teeth'],
        'id-include-cta': 'true',
      },
      knowledgeNames: { kno_1: 'Brand book' },
      extraText: 'Be brief',
    });
    const [topic, outline, length, channels, knowledge, tags, checkbox, extra] = inputs(view).map(el);
    expect(topic?.initial_value).toBe('AI for dentists');
    expect(outline?.initial_value).toBe('1. Intro\n2. End');
    expect(length?.initial_option).toEqual({ text: { type: 'plain_text', text: 'Medium (800-1500 words)', emoji: true }, value: '1' });
    expect((channels?.initial_options as PlainTextOption[]).map((o) => o.value)).toEqual(['2', '0']);
    expect((knowledge?.initial_options as PlainTextOption[]).map((o) => [o.text.text, o.value])).toEqual([
      ['Brand book', 'kno_1'],
      ['kno_2', 'kno_2'],
    ]);
    expect(tags?.initial_value).toBe('ai, teeth');
    expect(checkbox?.initial_options).toEqual(checkbox?.options);
    expect(extra?.initial_value).toBe('Be brief');
  });

  it('shows an over-long pre-filled value whole, without a max_length that would refuse it', () => {
    const view = build({ values: { 'id-topic': 'x'.repeat(600) } });
    const topic = el(inputs(view)[0]);
    expect(topic.initial_value).toBe('x'.repeat(600));
    expect(topic.max_length).toBeUndefined();
  });

  it('puts notes at the top', () => {
    const view = build({ notes: ["Couldn't match \"huge\" to a Blog length option: pick one below."] });
    expect(view.blocks[0]).toMatchObject({
      type: 'context',
      elements: [{ type: 'plain_text', text: "⚠️ Couldn't match \"huge\" to a Blog length option: pick one below." }],
    });
  });

  it('uses an external select over 100 options, with the index of a pre-filled option', () => {
    const options = Array.from({ length: 101 }, (_, i) => `Option ${i}`);
    const t = task([field('Region', 'select', { options }), field('Regions', 'multi_select', { options })]);
    const view = build({ task: t, values: { 'id-region': 'Option 100', 'id-regions': ['Option 7'] } });
    const [one, many] = inputs(view).map(el);
    expect(one).toMatchObject({ type: 'external_select', action_id: OPTIONS_ACTION_ID, min_query_length: 0 });
    expect(one?.options).toBeUndefined();
    expect(one?.initial_option).toMatchObject({ value: '100', text: { text: 'Option 100' } });
    expect(many).toMatchObject({ type: 'multi_external_select', initial_options: [{ value: '7' }] });
  });

  it('keeps exactly 100 options static', () => {
    const options = Array.from({ length: 100 }, (_, i) => `Option ${i}`);
    const view = build({ task: task([field('Region', 'select', { options })]) });
    expect(el(inputs(view)[0]).type).toBe('static_select');
  });

  it('handles 10,000 options of 200 characters', () => {
    const options = Array.from({ length: 10_000 }, (_, i) => `${i} ${'long option '.repeat(20)}`);
    const view = build({ task: task([field('Pick', 'select', { options })]), values: { 'id-pick': options[9999] as string } });
    expect(el(inputs(view)[0])).toMatchObject({ type: 'external_select', initial_option: { value: '9999' } });
  });

  it('shortens a long option text visibly', () => {
    const long = 'a'.repeat(200);
    const view = build({ task: task([field('Pick', 'select', { options: [long, 'b'] })]) });
    const text = (el(inputs(view)[0]).options as PlainTextOption[])[0]?.text.text;
    expect(text).toBe(`${'a'.repeat(74)}…`);
  });

  it('shortens a 5,000-character question visibly and carries on in the hint', () => {
    const question = Array.from({ length: 1000 }, (_, i) => `w${i % 10}rd`).join(' ');
    expect(question.length).toBeGreaterThan(4900);
    const view = build({ task: task([field('Brief', 'long_text', { question, hint: 'Be specific' })]) });
    const block = inputs(view)[0];
    expect(block?.label.text.endsWith('…')).toBe(true);
    expect(block?.label.text.length).toBeLessThanOrEqual(2000);
    expect(question.startsWith(block?.label.text.slice(0, -1) ?? 'x')).toBe(true);
    expect(block?.hint?.text.startsWith('…')).toBe(true);
    expect(block?.hint?.text.endsWith('Be specific')).toBe(true);
  });

  it('shortens a 40-character unicode task name to 24 without splitting an emoji', () => {
    const name = '🚀 Résumé ビルダー for 東京 teams 👩‍💻👩‍💻 extra';
    const view = build({ task: task([], { name }) });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.title.text.endsWith('…')).toBe(true);
    expect(name.startsWith(view.title.text.slice(0, -1))).toBe(true);
    expect(view.title.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('says a name too long for the title whole above the description, and a short one only in the title', () => {
    const name = 'Campagne Réseaux Sociaux — Été 2025 ✨';
    const long = build({ task: task([], { name, description: 'Plan a campaign.' }) });
    expect(long.blocks[0]).toMatchObject({ type: 'context', elements: [{ text: `${name}\nPlan a campaign.` }] });
    const short = build({ task: task([], { name: 'Blog Post', description: 'Plan a campaign.' }) });
    expect(short.blocks[0]).toMatchObject({ type: 'context', elements: [{ text: 'Plan a campaign.' }] });
  });

  it('has a title even when the task has no name', () => {
    expect(build({ task: task([], { name: ' ' }) }).title.text).toBe('Run a task');
  });

  it('keeps 150 inputs within 100 blocks, required first, and says how many were left out', () => {
    const fields = Array.from({ length: 150 }, (_, i) => field(`Input ${i}`, 'text', { required: i >= 140 }));
    const t = task(fields);
    const view = build({ task: t, notes: ['a note'] });
    expect(view.blocks).toHaveLength(100);
    const shown = inputs(view)
      .map((b) => fieldForBlockId(t, b.block_id ?? '')?.index)
      .filter((i) => i !== undefined);
    expect(shown).toHaveLength(96);
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
    for (let i = 140; i < 150; i++) expect(shown).toContain(i);
    expect(JSON.stringify(view.blocks)).toContain('54 optional inputs are left out');
  });

  it('says when required inputs had to be left out', () => {
    const t = task(Array.from({ length: 120 }, (_, i) => field(`Input ${i}`, 'text', { required: true })));
    const view = build({ task: t });
    expect(view.blocks).toHaveLength(100);
    expect(JSON.stringify(view.blocks)).toContain('23 inputs (23 of them required) are left out');
  });

  it('stays under 250 kB with many large static selects', () => {
    const options = Array.from({ length: 100 }, (_, i) => `${i} ${'x'.repeat(100)}`);
    const t = task(Array.from({ length: 90 }, (_, i) => field(`Select ${i}`, 'select', { options, question: 'q'.repeat(1900) })));
    const view = build({ task: t });
    expect(inputs(view).some((b) => el(b).type === 'external_select')).toBe(true);
  });

  it('treats a select without options as text', () => {
    const view = build({ task: task([field('Tone', 'select', { options: [] }), field('Tags', 'multi_select')]) });
    expect(inputs(view).map((b) => el(b).type).slice(0, 2)).toEqual(['plain_text_input', 'plain_text_input']);
    expect(inputs(view)[1]?.hint?.text).toBe('Separate with commas');
  });

  it('finds the field of a block id, and not one of another task version', () => {
    const t = everyKind;
    expect(fieldForBlockId(t, fieldBlockId(t.inputs[2]!, 2))?.field.name).toBe('Blog length');
    expect(fieldForBlockId(t, fieldBlockId(t.inputs[2]!, 3))).toBeNull();
    expect(fieldForBlockId(t, EXTRA_BLOCK_ID)).toBeNull();
    expect(fieldBlockId(field('x', 'text', { id: 'i'.repeat(400) }), 1).length).toBe(255);
  });
});
