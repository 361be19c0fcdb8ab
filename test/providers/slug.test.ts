import { describe, expect, it } from 'vitest';
import { slugify } from '../../src/providers/slug.js';

describe('slugify', () => {
  it.each([
    ['Blog Post', 'blog-post'],
    ['Résumé: Builder!', 'resume-builder'],
    ['  --Hello__World--  ', 'hello-world'],
    ['Blog length', 'blog-length'],
    ['ブログ記事を書く', 'ブログ記事を書く'],
    ['ガイド 作成', 'ガイド-作成'],
    ['ＦＵＬＬ width', 'full-width'],
    ['Ünïcödé 2024', 'unicode-2024'],
    ['Straße', 'straße'],
    ['!!!', ''],
  ])('%s -> %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
