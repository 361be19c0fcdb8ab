import { describe, expect, it, vi } from 'vitest';
import { buildTemplateRunBody } from '../../../src/providers/jasper/build-template-run-body.js';
import { encodeKnowledgeValue } from '../../../src/providers/jasper/knowledge-ref.js';
import { mapJasperTemplate } from '../../../src/providers/jasper/map-jasper-template.js';
import { jasperTemplateSchema } from '../../../src/providers/jasper/template-schemas.js';
import { BLOG_INTRO_TEMPLATE, PRODUCT_DESCRIPTION_TEMPLATE } from '../../fakes/fake-jasper.js';

const blogRaw = jasperTemplateSchema.parse(BLOG_INTRO_TEMPLATE);
const productRaw = jasperTemplateSchema.parse(PRODUCT_DESCRIPTION_TEMPLATE);
const blog = mapJasperTemplate(blogRaw);
const product = mapJasperTemplate(productRaw);

describe('buildTemplateRunBody', () => {
  it('sends each type as the template takes it, option values for labels, and brand settings inside inputs', () => {
    const body = buildTemplateRunBody(
      {
        task: blog,
        values: {
          blogTitle: 'Five ways AI helps marketers',
          audience: '   ',
          voice: 'Friendly and warm',
          keywords: ['ai', '', 'marketing'],
          channels: ['LinkedIn article', 'blog'],
          includeCta: 'Yes',
          paragraphs: ' 3 ',
          sources: ['kno_1', encodeKnowledgeValue('kno_2', 'Only the pricing table')],
          additionalContext: 'Mention the free trial.',
          'not-an-input': 'ignored',
        },
        brand: { toneId: 'ton_1', audienceId: 'aud_1', styleGuideId: 'sty_1', knowledgeIds: ['kno_9'], toLanguage: 'FR' },
      },
      blogRaw,
    );
    expect(body).toEqual({
      inputs: {
        blogTitle: 'Five ways AI helps marketers',
        voice: 'friendly',
        keywords: ['ai', 'marketing'],
        channels: ['linkedin', 'blog'],
        includeCta: true,
        paragraphs: 3,
        sources: ['kno_1', 'kno_2'],
        additionalContext: 'Mention the free trial.',
        knowledgeIds: ['kno_9'],
        toneId: 'ton_1',
        styleId: 'sty_1',
        audienceId: 'aud_1',
      },
    });
  });

  it('sends a checkbox that is off as false, a number that is not one as typed, an unknown option as typed', () => {
    const { inputs } = buildTemplateRunBody({ task: blog, values: { blogTitle: 'T', includeCta: 'false', paragraphs: 'three', voice: 'Shouty' } }, blogRaw);
    expect(inputs).toEqual({ blogTitle: 'T', includeCta: false, paragraphs: 'three', voice: 'Shouty' });
  });

  it('sends the label when the template is not known (options cannot be mapped)', () => {
    expect(buildTemplateRunBody({ task: blog, values: { voice: 'Professional' } }).inputs).toEqual({ voice: 'Professional' });
  });

  it('carries a continuation in the context input, after what the user wrote there', () => {
    const { inputs } = buildTemplateRunBody(
      {
        task: blog,
        values: { blogTitle: 'T', additionalContext: 'Mention the free trial.' },
        continuation: { history: [{ output: 'First intro' }, { instruction: 'Warmer', output: 'Second intro' }], instruction: 'Make it shorter' },
        extra: [{ name: 'Target reader', question: 'Who reads it?', answer: 'CMOs' }],
      },
      blogRaw,
    );
    expect(inputs.blogTitle).toBe('T');
    expect(inputs.additionalContext).toBe(
      ['Mention the free trial.', 'Previous output:\nSecond intro', 'Earlier requests:\n1. Warmer', 'Requested change:\nMake it shorter', 'Target reader:\nCMOs'].join('\n\n'),
    );
  });

  it('puts the continuation before the main text input when there is no context input', () => {
    const { inputs } = buildTemplateRunBody(
      { task: product, values: { productName: 'Mug', productDetails: 'Ceramic, 350 ml' }, continuation: { history: [{ output: 'A mug.' }], instruction: 'Say it is dishwasher safe' } },
      productRaw,
    );
    expect(inputs.productName).toBe('Mug');
    expect(inputs.productDetails).toBe('Previous output:\nA mug.\n\nRequested change:\nSay it is dishwasher safe\n\nCeramic, 350 ml');
  });

  it('shortens the previous output to fit the input, keeping the instruction and the user value whole', () => {
    const previous = `${'é'.repeat(600)}😀${'x'.repeat(2000)}`;
    const { inputs } = buildTemplateRunBody(
      { task: product, values: { productName: 'Mug', productDetails: 'Ceramic' }, continuation: { history: [{ output: previous }], instruction: 'Shorter' } },
      productRaw,
    );
    const value = inputs.productDetails as string;
    expect(value.length).toBeLessThanOrEqual(1000);
    expect(value.length).toBeGreaterThan(900);
    expect(value).toMatch(/^Previous output:\né+/);
    expect(value).toContain('…\n\nRequested change:\nShorter\n\nCeramic');
    expect(value).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('runs a template with no text input on its inputs alone, and says so', () => {
    const raw = jasperTemplateSchema.parse({ id: 'skl_flags', name: 'Flags', inputSchema: [{ inputKey: 'on', type: 'boolean' }] });
    const logger = { warn: vi.fn() };
    const body = buildTemplateRunBody({ task: mapJasperTemplate(raw), values: { on: 'yes' }, continuation: { history: [{ output: 'x' }], instruction: 'again' } }, raw, logger);
    expect(body).toEqual({ inputs: { on: true } });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('no text input'), { templateId: 'skl_flags' });
  });

  it('never lets an input named like a brand field pass as one', () => {
    const raw = jasperTemplateSchema.parse({ id: 'skl_b', name: 'B', inputSchema: [{ inputKey: 'toneId', type: 'string' }, { inputKey: 'topic', type: 'string' }] });
    expect(buildTemplateRunBody({ task: mapJasperTemplate(raw), values: { toneId: 'ton_fake', topic: 'T' } }, raw).inputs).toEqual({ topic: 'T' });
  });
});
