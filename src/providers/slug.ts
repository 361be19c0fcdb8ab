/**
 * "Résumé: Builder!" -> "resume-builder". Only marks on Latin letters are dropped: in other scripts a mark can be part
 * of the letter (Japanese dakuten: が is か + U+3099), so those are recomposed instead.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/(?<=\p{Script=Latin})\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
