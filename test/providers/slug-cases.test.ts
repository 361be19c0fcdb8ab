import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slugify } from '../../src/providers/slug.js';

describe('slugify', () => {
  it.each([
    ['Blog Post', 'blog-post'],
    ['Blog length', 'blog-length'],
    ['  --Hello,   World!--  ', 'hello-world'],
    ['Campagne Réseaux Sociaux — Été 2025 ✨', 'campagne-reseaux-sociaux-ete-2025'],
    ['Include paid ads?', 'include-paid-ads'],
    ['ﬁnance ① Ｆｕｌｌ', 'finance-1-full'],
    ['日本語 ブログ', '日本語-ブログ'],
    ['Straße', 'straße'],
    ['हिन्दी ब्लॉग', 'हिन्दी-ब्लॉग'],
    ['🚀🚀', ''],
  ])('%s -> %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('gives dash-separated runs of lower-case letters, digits and their marks, and is stable', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (name) => {
        const slug = slugify(name);
        expect(slug).toMatch(/^([\p{L}\p{N}\p{M}]+(-[\p{L}\p{N}\p{M}]+)*)?$/u);
        expect(slug).toBe(slug.toLowerCase());
        expect(slugify(slug)).toBe(slug);
      }),
      { numRuns: 500 },
    );
  });
});
