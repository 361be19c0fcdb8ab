export type TypedCommand = { kind: 'skip' | 'back' | 'cancel' | 'run' } | { kind: 'change'; name: string };

const EDGES = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;
const SIMPLE: Record<string, TypedCommand> = {
  skip: { kind: 'skip' },
  back: { kind: 'back' },
  cancel: { kind: 'cancel' },
  run: { kind: 'run' },
  'run now': { kind: 'run' },
};

/**
 * The command a typed reply holds, if it is one: "Skip.", " BACK ", "run now!", "change blog length". Case and
 * surrounding whitespace or punctuation do not matter; anything else is an answer.
 */
export function readTypedCommand(text: string): TypedCommand | undefined {
  const words = text.normalize('NFKC').toLowerCase().replace(EDGES, '').replace(/\s+/g, ' ');
  const simple = SIMPLE[words];
  if (simple) return simple;
  const change = /^change(?: (.*))?$/.exec(words);
  if (change) return { kind: 'change', name: (change[1] ?? '').replace(EDGES, '') };
  return undefined;
}
