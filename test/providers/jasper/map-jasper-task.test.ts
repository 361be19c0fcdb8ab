import { describe, expect, it, vi } from 'vitest';
import { jasperTaskSchema, type JasperTask } from '../../../src/providers/jasper/jasper-schemas.js';
import { mapJasperTask } from '../../../src/providers/jasper/map-jasper-task.js';
import { BLOG_POST_TASK, EVERY_INPUT_TASK } from '../../fakes/fake-jasper.js';

const parse = (task: unknown): JasperTask => jasperTaskSchema.parse(task);

describe('mapJasperTask', () => {
  it('maps the Blog Post task from the guide', () => {
    expect(mapJasperTask(parse(BLOG_POST_TASK))).toEqual({
      provider: 'jasper',
      id: '94e0c6ab-94a7-4dd5-a6e4-43574a5e14d5',
      name: 'Blog Post',
      slug: 'blog-post',
      description: 'Write long-form content that provides value, drives traffic, and enhances SEO',
      scope: 'PUBLIC',
      categories: [],
      inputs: [
        { id: 'adea448e-57c5-4bc2-8033-3d27c82692a0', name: 'Outline', slug: 'outline', kind: 'long_text', question: 'What is the outline of your post?', required: false, upstreamType: 'TEXTAREA' },
        {
          id: '80023f9a-5104-4cf8-8981-378f614272aa',
          name: 'Blog length',
          slug: 'blog-length',
          kind: 'select',
          question: 'How long would you like the blog post to be?',
          required: false,
          options: ['Short (under 800 words)', 'Medium (800-1500 words)', 'Long (over 1500 words)'],
          upstreamType: 'SELECT',
        },
        { id: 'aefc16e6-f4a4-4915-83bf-0c73e146ae93', name: 'Topic', slug: 'topic', kind: 'text', question: 'What is the topic of your post?', required: false, upstreamType: 'INPUT' },
      ],
    });
  });

  it('maps every input type, a unicode name, hints and question fallbacks', () => {
    const logger = { warn: vi.fn() };
    const task = mapJasperTask(parse(EVERY_INPUT_TASK), logger);
    expect(task.slug).toBe('campagne-reseaux-sociaux-ete-2025');
    expect(task.categories).toEqual(['Social', 'Campaigns']);
    expect(task.inputs.map((i) => [i.slug, i.kind, i.upstreamType])).toEqual([
      ['product-name', 'text', 'INPUT'],
      ['brief', 'long_text', 'TEXTAREA'],
      ['market', 'select', 'SELECT'],
      ['channels', 'multi_select', 'MULTISELECT'],
      ['knowledge', 'knowledge', 'KNOWLEDGE'],
      ['hashtags', 'tags', 'TAGS_INPUT'],
      ['include-paid-ads', 'checkbox', 'CHECKBOX'],
      ['hero-image', 'text', 'IMAGE_ID'],
      ['research-tool', 'text', 'TOOL'],
      ['extra-notes', 'text', 'CUSTOM'],
    ]);
    const [product, brief, market] = task.inputs;
    expect(product).toMatchObject({ required: true, hint: 'As customers know it' });
    expect(brief?.question).toBe('Brief');
    expect(brief?.hint).toBeUndefined();
    expect(market?.options).toHaveLength(120);
    expect(task.inputs.at(-1)?.question).toBe('Extra notes');
    // IMAGE_ID and TOOL have no widget of their own yet; CUSTOM is documented free text.
    expect(logger.warn.mock.calls.map((c) => (c[1] as { type: string }).type)).toEqual(['IMAGE_ID', 'TOOL']);
  });

  it('asks for an unknown type as text and logs it', () => {
    const logger = { warn: vi.fn() };
    const task = mapJasperTask(
      parse({ id: 't1', name: 'Future', contextItems: [{ id: 'c1', name: 'When', type: 'DATE_PICKER', question: 'When?', required: true, somethingNew: 1 }] }),
      logger,
    );
    expect(task.inputs[0]).toMatchObject({ kind: 'text', upstreamType: 'DATE_PICKER', required: true, question: 'When?' });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('not supported'), expect.objectContaining({ type: 'DATE_PICKER', taskId: 't1' }));
  });

  it('is lenient where the documents disagree', () => {
    const task = mapJasperTask(
      parse({
        id: 't2',
        name: 'Loose',
        description: null,
        categories: [{ id: 'c', name: 'SEO' }, 'Blog'],
        contextItems: [
          { id: 'a', name: 'Tone', type: 'select', options: [{ label: 'Warm', value: 'warm' }, 'cold'] },
          { id: 'b', name: 'Tone', type: 'MULTISELECT', options: [] },
          { id: 'c', name: null, question: 'What else?', type: 'INPUT', maxLength: 500 },
        ],
      }),
    );
    expect(task.description).toBe('');
    expect(task.categories).toEqual(['SEO', 'Blog']);
    expect(task.inputs.map((i) => [i.slug, i.kind, i.options])).toEqual([
      ['tone', 'select', ['warm', 'cold']],
      ['tone-2', 'text', undefined],
      ['what-else', 'text', undefined],
    ]);
    expect(task.inputs[2]?.maxLength).toBe(500);
  });
});
