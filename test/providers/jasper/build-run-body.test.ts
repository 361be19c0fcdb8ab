import { describe, expect, it } from 'vitest';
import { buildRunBody } from '../../../src/providers/jasper/build-run-body.js';
import { jasperTaskSchema } from '../../../src/providers/jasper/jasper-schemas.js';
import { encodeKnowledgeValue, parseKnowledgeValue } from '../../../src/providers/jasper/knowledge-ref.js';
import { mapJasperTask } from '../../../src/providers/jasper/map-jasper-task.js';
import { BLOG_POST_TASK, EVERY_INPUT_TASK } from '../../fakes/fake-jasper.js';
import { inputId } from './setup.js';

const blog = mapJasperTask(jasperTaskSchema.parse(BLOG_POST_TASK));
const every = mapJasperTask(jasperTaskSchema.parse(EVERY_INPUT_TASK));
const id = (name: string) => inputId(every, name);

describe('buildRunBody', () => {
  it('sends the guide example as the guide shows it', () => {
    const body = buildRunBody({
      task: blog,
      values: {
        [inputId(blog, 'Outline')]: '1. About Jasper\n2. AI for Marketers\n3. Jasper IQ Layer\n4. Get started today',
        [inputId(blog, 'Blog length')]: 'Medium (800-1500 words)',
        [inputId(blog, 'Topic')]: 'Jasper AI',
      },
    });
    expect(body).toEqual({
      contextItems: [
        { id: 'adea448e-57c5-4bc2-8033-3d27c82692a0', value: '1. About Jasper\n2. AI for Marketers\n3. Jasper IQ Layer\n4. Get started today' },
        { id: '80023f9a-5104-4cf8-8981-378f614272aa', value: 'Medium (800-1500 words)' },
        { id: 'aefc16e6-f4a4-4915-83bf-0c73e146ae93', value: 'Jasper AI' },
      ],
    });
  });

  it('formats each type, leaves out empty values, and adds extra context and brand settings', () => {
    const body = buildRunBody({
      task: every,
      values: {
        [id('Product name')]: 'Jasper',
        [id('Brief')]: '   ',
        [id('Market')]: 'Market 042',
        [id('Channels')]: ['LinkedIn', '', 'TikTok'],
        [id('Knowledge')]: ['kno_1', 'kno_2'],
        [id('Hashtags')]: 'launch',
        [id('Include paid ads?')]: 'Yes',
        [id('Hero image')]: [],
        [id('Extra notes')]: ['a', 'b'],
        'not-an-input': 'ignored',
      },
      extra: [
        { name: 'Target Reader', question: 'Who is the primary audience?', answer: 'Marketing managers' },
        { name: 'Empty', question: 'Anything?', answer: '' },
      ],
      brand: { toneId: 'ton_1', audienceId: 'aud_1', styleGuideId: 'sty_1', knowledgeIds: ['kno_9'], toLanguage: 'FR' },
    });
    expect(body).toEqual({
      contextItems: [
        { id: id('Product name'), value: 'Jasper' },
        { id: id('Market'), value: 'Market 042' },
        { id: id('Channels'), value: ['LinkedIn', 'TikTok'] },
        { id: id('Knowledge'), value: ['kno_1', 'kno_2'] },
        { id: id('Hashtags'), value: ['launch'] },
        { id: id('Include paid ads?'), value: 'true' },
        { id: id('Extra notes'), value: 'a, b' },
        { name: 'Target Reader', question: 'Who is the primary audience?', answer: 'Marketing managers' },
      ],
      toneId: 'ton_1',
      audienceId: 'aud_1',
      styleGuideId: 'sty_1',
      knowledgeIds: ['kno_9'],
      toLanguage: 'FR',
    });
  });

  it('sends a checkbox that is off as "false"', () => {
    expect(buildRunBody({ task: every, values: { [id('Include paid ads?')]: 'false' } }).contextItems).toEqual([{ id: id('Include paid ads?'), value: 'false' }]);
  });

  it('carries a continuation as custom items: earlier requests, the last output, the change', () => {
    const body = buildRunBody({
      task: blog,
      values: { [inputId(blog, 'Topic')]: 'Jasper AI' },
      continuation: {
        history: [{ output: 'First draft' }, { instruction: 'Add a title', output: '# Title\n\nSecond draft' }],
        instruction: 'Make the intro shorter',
      },
    });
    expect(body.contextItems).toEqual([
      { id: inputId(blog, 'Topic'), value: 'Jasper AI' },
      { name: 'Earlier requests', question: 'What was asked for in earlier turns, oldest first?', answer: '1. Add a title' },
      { name: 'Previous output', question: 'What did you write in the previous turn?', answer: '# Title\n\nSecond draft' },
      { name: 'Requested change', question: 'What should change in this new version?', answer: 'Make the intro shorter' },
    ]);
  });
});

describe('buildRunBody: knowledge extraction prompts', () => {
  const knowledge = id('Knowledge');
  const body = (value: string | string[]) => buildRunBody({ task: every, values: { [knowledge]: value } }).contextItems;

  it('sends ids alone when no item has a prompt', () => {
    expect(body(['kno_1', ' kno_2 ', ''])).toEqual([{ id: knowledge, value: ['kno_1', 'kno_2'] }]);
    expect(body('kno_1')).toEqual([{ id: knowledge, value: ['kno_1'] }]);
  });

  it('sends every item as an object when any has a prompt (the first :: separates it)', () => {
    expect(body([encodeKnowledgeValue('kno_1', 'Extract only the product specifications'), 'kno_2', 'kno_3::Pricing :: tiers only'])).toEqual([
      {
        id: knowledge,
        value: [
          { knowledgeId: 'kno_1', knowledgeExtractionPrompt: 'Extract only the product specifications' },
          { knowledgeId: 'kno_2' },
          { knowledgeId: 'kno_3', knowledgeExtractionPrompt: 'Pricing :: tiers only' },
        ],
      },
    ]);
  });

  it('treats an empty prompt as none and drops items without an id', () => {
    expect(body(['kno_1::  ', '::orphan prompt'])).toEqual([{ id: knowledge, value: ['kno_1'] }]);
    expect(body(['::orphan prompt'])).toEqual([]);
  });
});

describe('knowledge value encoding', () => {
  it('round-trips an id and a prompt', () => {
    expect(parseKnowledgeValue(encodeKnowledgeValue('kno_1', 'Only specs'))).toEqual({ knowledgeId: 'kno_1', knowledgeExtractionPrompt: 'Only specs' });
    expect(encodeKnowledgeValue('kno_1')).toBe('kno_1');
    expect(encodeKnowledgeValue('kno_1', '  ')).toBe('kno_1');
    expect(parseKnowledgeValue(' kno_1 ')).toEqual({ knowledgeId: 'kno_1' });
    expect(parseKnowledgeValue('  ')).toBeUndefined();
  });
});

describe('buildRunBody: brand settings', () => {
  it('sends each brand setting at the top level, and leaves out empty ones', () => {
    const values = { [id('Product name')]: 'Jasper' };
    expect(buildRunBody({ task: every, values, brand: { toneId: 'ton_1' } })).toEqual({ contextItems: [{ id: id('Product name'), value: 'Jasper' }], toneId: 'ton_1' });
    expect(buildRunBody({ task: every, values, brand: { toneId: '', audienceId: '', styleGuideId: '', knowledgeIds: [], toLanguage: '' } })).toEqual({
      contextItems: [{ id: id('Product name'), value: 'Jasper' }],
    });
  });
});
