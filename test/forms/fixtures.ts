import type { InputField, TaskDefinition } from '../../src/providers/types.js';
import { slugify } from '../../src/providers/slug.js';

export function field(name: string, kind: InputField['kind'], extra: Partial<InputField> = {}): InputField {
  return {
    id: `id-${slugify(name)}`,
    name,
    slug: slugify(name),
    kind,
    question: `What is the ${name.toLowerCase()}?`,
    required: false,
    upstreamType: kind.toUpperCase(),
    ...extra,
  };
}

export const BLOG_LENGTHS = ['Short (under 800 words)', 'Medium (800-1500 words)', 'Long (over 1500 words)'];

export function task(inputs: InputField[], extra: Partial<TaskDefinition> = {}): TaskDefinition {
  return {
    provider: 'jasper',
    id: 'task-1',
    name: 'Blog Post',
    slug: 'blog-post',
    description: 'Write long-form content that provides value, drives traffic, and enhances SEO',
    categories: [],
    inputs,
    ...extra,
  };
}

/** One input of every kind. */
export const everyKind = task([
  field('Topic', 'text', { required: true, maxLength: 500, hint: 'One line is enough' }),
  field('Outline', 'long_text'),
  field('Blog length', 'select', { options: BLOG_LENGTHS, required: true }),
  field('Channels', 'multi_select', { options: ['Blog', 'LinkedIn', 'X', 'Newsletter'] }),
  field('Knowledge', 'knowledge'),
  field('Keywords', 'tags'),
  field('Include CTA', 'checkbox'),
]);
