import { describe, expect, it, vi } from 'vitest';
import type { ProviderLogger } from '../../../src/providers/jasper/index.js';
import { isTemplateId, mapJasperTemplate } from '../../../src/providers/jasper/map-jasper-template.js';
import { jasperTemplateSchema } from '../../../src/providers/jasper/template-schemas.js';
import { BLOG_INTRO_TEMPLATE, PRODUCT_DESCRIPTION_TEMPLATE } from '../../fakes/fake-jasper.js';

const map = (template: unknown, logger?: ProviderLogger) => mapJasperTemplate(jasperTemplateSchema.parse(template), logger);

describe('mapJasperTemplate', () => {
  it('maps every template input type to the InputField kinds (keyed by inputKey)', () => {
    const task = map(BLOG_INTRO_TEMPLATE);
    expect(task).toMatchObject({ provider: 'jasper', id: 'skl_01HBLOGINTRO', name: 'Blog Post Intro Paragraph', slug: 'blog-post-intro-paragraph', kind: 'template', categories: [] });
    expect(task.inputs.map((i) => [i.id, i.kind, i.upstreamType, i.required])).toEqual([
      ['blogTitle', 'text', 'string', true],
      ['audience', 'text', 'string', false],
      ['voice', 'select', 'string', false],
      ['keywords', 'tags', 'string[]', false],
      ['channels', 'multi_select', 'string[]', false],
      ['includeCta', 'checkbox', 'boolean', false],
      ['paragraphs', 'text', 'number', false],
      ['sources', 'knowledge', 'knowledge[]', false],
      ['additionalContext', 'long_text', 'string', false],
    ]);
  });

  it('shows option labels, takes the label as name and question, the tooltip (else the placeholder) as hint', () => {
    const inputs = map(BLOG_INTRO_TEMPLATE).inputs;
    expect(inputs.find((i) => i.id === 'voice')?.options).toEqual(['Friendly and warm', 'Professional']);
    expect(inputs.find((i) => i.id === 'channels')?.options).toEqual(['Company blog', 'LinkedIn article']);
    expect(inputs[0]).toEqual({ id: 'blogTitle', name: 'Blog title', slug: 'blog-title', kind: 'text', question: 'Blog title', hint: 'Five ways AI helps marketers', required: true, maxLength: 200, upstreamType: 'string' });
    expect(inputs[1]?.hint).toBe('Who reads it?');
  });

  it('reads the form keyed by id and component', () => {
    const task = map(PRODUCT_DESCRIPTION_TEMPLATE);
    expect(task.inputs.map((i) => [i.id, i.kind, i.upstreamType, i.options])).toEqual([
      ['productName', 'text', 'string', undefined],
      ['productDetails', 'long_text', 'string', undefined],
      ['platform', 'select', 'string', ['Amazon', 'Shopify store']],
      ['giftable', 'checkbox', 'boolean', undefined],
    ]);
  });

  it('asks for a long string (maxLength over 500) in several lines, a short one in one', () => {
    const inputs = map({ id: 'skl_x', name: 'X', inputSchema: [{ inputKey: 'a', type: 'string', maxLength: 501 }, { inputKey: 'b', type: 'string', maxLength: 500 }] }).inputs;
    expect(inputs.map((i) => i.kind)).toEqual(['long_text', 'text']);
  });

  it('takes plain string options, falls back to the key for a name, and skips inputs with no key (logged)', () => {
    const logger = { warn: vi.fn() };
    const task = map(
      {
        id: 'skl_y',
        name: 'Y',
        category: 'Ads',
        inputSchema: [
          { inputKey: 'size', type: 'string', options: ['S', 'M'] },
          { type: 'string', label: 'Orphan' },
          { inputKey: 'when', type: 'date' },
          { id: 'more', component: 'multiselect', options: [{ value: 1 }, { value: 2, label: 'Two' }] },
        ],
      },
      logger,
    );
    expect(task.categories).toEqual(['Ads']);
    expect(task.inputs.map((i) => [i.id, i.name, i.kind, i.options])).toEqual([
      ['size', 'size', 'select', ['S', 'M']],
      ['when', 'when', 'text', undefined],
      ['more', 'more', 'multi_select', ['1', 'Two']],
    ]);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('neither inputKey nor id'), expect.anything());
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('not supported'), expect.objectContaining({ type: 'date' }));
  });

  it('keeps input slugs unique and the description empty when absent', () => {
    const task = map({ id: 'skl_z', name: 'Z', inputSchema: [{ inputKey: 'a', label: 'Topic' }, { inputKey: 'b', label: 'Topic' }] });
    expect(task.inputs.map((i) => i.slug)).toEqual(['topic', 'topic-2']);
    expect(task.description).toBe('');
  });

  it('tells template ids from task ids', () => {
    expect(isTemplateId('skl_01HBLOGINTRO')).toBe(true);
    expect(isTemplateId('agt_01JQ7C2E9Z4YB8M5K3T6XWVD0R')).toBe(false);
    expect(isTemplateId('94e0c6ab-94a7-4dd5-a6e4-43574a5e14d5')).toBe(false);
  });
});
