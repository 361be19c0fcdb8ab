import { matchOption } from '../inputs/match-option.js';
import { slugify } from '../providers/slug.js';
import type { InputField, TaskDefinition } from '../providers/types.js';

export type InputLookup =
  | { kind: 'found'; field: InputField }
  | { kind: 'ambiguous'; candidates: InputField[] }
  | { kind: 'none' };

/**
 * The input a user names in "change <name>": by id, slug or name, else by a unique part of a name ("length" ->
 * "Blog length"). When several match, the candidates are the ones it could be.
 */
export function findInput(task: TaskDefinition, typed: string): InputLookup {
  const slug = slugify(typed);
  const exact = task.inputs.find((f) => f.id === typed.trim() || (slug !== '' && (f.slug === slug || slugify(f.name) === slug)));
  if (exact) return { kind: 'found', field: exact };
  const names = task.inputs.map((f) => f.name);
  const match = slug === '' ? { kind: 'none' as const } : matchOption(names, typed);
  if (match.kind === 'match') {
    const field = task.inputs.find((f) => f.name === match.value);
    if (field) return { kind: 'found', field };
  }
  if (match.kind === 'ambiguous') {
    return { kind: 'ambiguous', candidates: task.inputs.filter((f) => match.candidates.includes(f.name)) };
  }
  return { kind: 'none' };
}
