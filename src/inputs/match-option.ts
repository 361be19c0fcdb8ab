export type OptionMatch =
  | { kind: 'match'; value: string }
  | { kind: 'ambiguous'; candidates: string[] }
  | { kind: 'none' };

/** Lower-case, NFKC, runs of whitespace as one space, trimmed. */
export function normaliseForMatch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Indexes of the options that match `query`, best first: exact, then prefix, then substring (each stage in option
 * order). An empty query matches every option.
 */
export function rankOptions(options: readonly string[], query: string): number[][] {
  const q = normaliseForMatch(query);
  const stages: number[][] = [[], [], []];
  options.forEach((option, index) => {
    const o = normaliseForMatch(option);
    const stage = o === q ? 0 : o.startsWith(q) ? 1 : o.includes(q) ? 2 : -1;
    if (stage >= 0) stages[stage]?.push(index);
  });
  return stages;
}

/**
 * Matches typed text to one of `options` ("medium" -> "Medium (800-1500 words)"). A verbatim match wins outright;
 * otherwise the first stage (exact, prefix, substring) that finds anything decides, and more than one distinct option
 * there is ambiguous.
 */
export function matchOption(options: readonly string[], input: string): OptionMatch {
  if (options.includes(input)) return { kind: 'match', value: input };
  if (normaliseForMatch(input) === '') return { kind: 'none' };
  for (const stage of rankOptions(options, input)) {
    const candidates = [...new Set(stage.map((i) => options[i] as string))];
    const [only] = candidates;
    if (only !== undefined && candidates.length === 1) return { kind: 'match', value: only };
    if (candidates.length > 1) return { kind: 'ambiguous', candidates };
  }
  return { kind: 'none' };
}
