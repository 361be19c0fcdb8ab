const SHOWN_FIELDS = 6;

/**
 * One sentence saying a job finished and what its result holds (the result itself goes along as data), e.g.
 * "Researcher finished the job; the result holds competitors (3 items) and recommendation."
 */
export function resultSummary(label: string, result: Record<string, unknown> | undefined): string {
  const fields = Object.entries(result ?? {});
  if (fields.length === 0) return `${label} finished the job; it gave no result.`;
  const named = fields.slice(0, SHOWN_FIELDS).map(([key, value]) => (Array.isArray(value) ? `${key} (${value.length} ${value.length === 1 ? 'item' : 'items'})` : key));
  if (fields.length > SHOWN_FIELDS) named.push(`${fields.length - SHOWN_FIELDS} more`);
  const list = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
  return `${label} finished the job; the result holds ${list}.`;
}
