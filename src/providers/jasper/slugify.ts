/**
 * "Blog Post" -> "blog-post", "Résumé d'été" -> "resume-d-ete", "日本語 ブログ" -> "日本語-ブログ".
 * Only Latin accents (U+0300-U+036F) are dropped: removing every mark would turn ブ into フ, and marks that
 * are part of a letter (Devanagari vowel signs) stay with it rather than splitting the word.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]+/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
