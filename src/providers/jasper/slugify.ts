/** "Blog Post" -> "blog-post", "Résumé d'été" -> "resume-d-ete": lower case, no diacritics, runs of anything else -> "-". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
