import type { TaskDefinition } from '../../src/providers/types.js';
import type { FillEffect } from '../../src/conversation/index.js';

/** Blog Post as Jasper's task documentation gives it (api-docs/jasper-agent-tasks.txt): three optional inputs. */
export const blogPost: TaskDefinition = {
  provider: 'jasper',
  id: '94e0c6ab-94a7-4dd5-a6e4-43574a5e14d5',
  name: 'Blog Post',
  slug: 'blog-post',
  description: 'Write long-form content that provides value, drives traffic, and enhances SEO',
  scope: 'PUBLIC',
  categories: [],
  inputs: [
    {
      id: 'adea448e-57c5-4bc2-8033-3d27c82692a0',
      name: 'Outline',
      slug: 'outline',
      kind: 'long_text',
      question: 'What is the outline of your post?',
      required: false,
      upstreamType: 'TEXTAREA',
    },
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
    {
      id: 'aefc16e6-f4a4-4915-83bf-0c73e146ae93',
      name: 'Topic',
      slug: 'topic',
      kind: 'text',
      question: 'What is the topic of your post?',
      required: false,
      upstreamType: 'INPUT',
    },
  ],
};

export const OUTLINE = 'adea448e-57c5-4bc2-8033-3d27c82692a0';
export const LENGTH = '80023f9a-5104-4cf8-8981-378f614272aa';
export const TOPIC = 'aefc16e6-f4a4-4915-83bf-0c73e146ae93';

/** The effects in brief, for readable expectations: "ask:topic", "summary", "recorded:topic". */
export function brief(effects: FillEffect[]): string[] {
  return effects.map((e) => {
    if (e.type === 'ask' || e.type === 'clarify' || e.type === 'recorded') return `${e.type}:${e.field.slug}`;
    return e.type;
  });
}
