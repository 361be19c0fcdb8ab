import fc from 'fast-check';
import type { FillEvent } from '../../src/conversation/index.js';
import { slugify } from '../../src/providers/slug.js';
import type { InputField, InputKind, InputValues, TaskDefinition } from '../../src/providers/types.js';

export const OWNER = 'U_OWNER';

const KINDS: InputKind[] = ['text', 'long_text', 'select', 'multi_select', 'knowledge', 'tags', 'checkbox', 'url', 'number', 'json', 'json_schema', 'key_value'];
/** A value each checked kind takes, typed or pre-filled. */
export const CHECKED_GOOD: Partial<Record<InputKind, string>> = {
  url: 'https://example.com',
  number: '3',
  json: '{"a":1}',
  json_schema: '{"type":"object"}',
  key_value: 'a: 1',
};
const NAMES = ['Topic', 'Outline', 'Blog length', 'Intro length', 'Tone', 'Audience', 'Channels', 'Keywords', 'CTA', 'Topic'];
const OPTIONS = ['Short', 'Short and sweet', 'Medium (800-1500 words)', 'Long', 'Blog', 'LinkedIn', 'X', 'Yes', 'Run', 'Short, punchy'];
// Ids that are also names on Object.prototype catch lookups that forget to check own keys.
const IDS = ['f0', 'f1', 'constructor', 'f3', 'toString', 'f5', 'f6'];

const fieldArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  name: fc.constantFrom(...NAMES),
  required: fc.boolean(),
  options: fc.uniqueArray(fc.constantFrom(...OPTIONS), { maxLength: 5 }),
  maxLength: fc.option(fc.integer({ min: 3, max: 30 }), { nil: undefined }),
});

/** Tasks with up to 6 inputs of every kind, required or not, with options that overlap (so typed answers can be ambiguous). */
export const taskArb: fc.Arbitrary<TaskDefinition> = fc.array(fieldArb, { maxLength: 6 }).map((specs) => {
  const used = new Set<string>();
  const inputs = specs.map((spec, i): InputField => {
    let slug = slugify(spec.name);
    for (let n = 2; used.has(slug); n++) slug = `${slugify(spec.name)}-${n}`;
    used.add(slug);
    const field: InputField = {
      id: IDS[i] ?? `f${i}`,
      name: spec.name,
      slug,
      kind: spec.kind,
      question: `${spec.name}?`,
      required: spec.required,
      upstreamType: spec.kind.toUpperCase(),
    };
    if (spec.kind === 'select' || spec.kind === 'multi_select') field.options = spec.options;
    if (spec.kind === 'number') Object.assign(field, { min: 1, max: 25 });
    // The checked kinds' good values (CHECKED_GOOD) are short but fixed: no limit below them.
    if (spec.maxLength !== undefined && CHECKED_GOOD[spec.kind] === undefined) field.maxLength = spec.maxLength;
    return field;
  });
  return { provider: 'jasper', id: 'task', name: 'Task', slug: 'task', description: '', categories: [], inputs };
});

function typedTextArb(task: TaskDefinition): fc.Arbitrary<string> {
  const names = task.inputs.flatMap((f) => [f.name, f.slug, f.name.split(' ').at(-1) ?? '']);
  const options = task.inputs.flatMap((f) => f.options ?? []);
  return fc.oneof(
    fc.constantFrom('skip', 'Skip.', 'back', ' BACK ', 'run', 'run now', 'Run now!', 'change', 'change nothing at all'),
    names.length > 0 ? fc.constantFrom(...names).map((n) => `change ${n}`) : fc.constant('change topic'),
    options.length > 0 ? fc.constantFrom(...options) : fc.constant('Short'),
    options.length > 0 ? fc.constantFrom(...options).map((o) => o.slice(0, 3).toLowerCase()) : fc.constant('sho'),
    fc.constantFrom('sho', 'o', 'l', 'yes', 'No', 'maybe', 'short, blog', 'x, myspace', 'a, b', '', '   ', 'AI for dentists', 'x'.repeat(40)),
    fc.string({ maxLength: 12 }),
  );
}

function pickArb(task: TaskDefinition): fc.Arbitrary<{ fieldId: string; values: string[] }> {
  const ids = [...task.inputs.map((f) => f.id), 'gone'];
  const options = [...task.inputs.flatMap((f) => f.options ?? []), 'Epic', 'true', 'false', 'kno_1', 'some text'];
  return fc.record({
    fieldId: fc.constantFrom(...ids),
    values: fc.uniqueArray(fc.constantFrom(...options), { maxLength: 3 }),
  });
}

export function eventArb(task: TaskDefinition): fc.Arbitrary<FillEvent> {
  const ids = task.inputs.map((f) => f.id);
  const userId = fc.constantFrom(OWNER, OWNER, OWNER, OWNER, 'U_OTHER');
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ type: fc.constant('text' as const), userId, text: typedTextArb(task) }) },
    { weight: 3, arbitrary: pickArb(task).chain((p) => userId.map((u): FillEvent => ({ type: 'pick', userId: u, ...p }))) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(userId, fc.option(fc.constantFrom(...ids, 'gone'), { nil: undefined }))
        .map(([u, fieldId]): FillEvent => (fieldId === undefined ? { type: 'skip', userId: u } : { type: 'skip', userId: u, fieldId })),
    },
    { weight: 3, arbitrary: fc.record({ type: fc.constantFrom('back' as const, 'run_now' as const, 'confirm' as const), userId }) },
    // Rare, so that most sequences go on past it.
    { weight: 1, arbitrary: fc.record({ type: fc.constant('cancel' as const), userId }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('text' as const), userId, text: fc.constantFrom('cancel', 'Cancel.') }) },
  );
}

/** A good answer to whatever question is open when it arrives: `resolveGood` turns it into an event. */
export type GoodAnswer = { type: 'good'; typed: boolean; choice: number };
export const goodArb: fc.Arbitrary<GoodAnswer> = fc.record({ type: fc.constant('good' as const), typed: fc.boolean(), choice: fc.nat(9) });

export function resolveGood(task: TaskDefinition, asking: string | undefined, good: GoodAnswer): FillEvent {
  const field = task.inputs.find((f) => f.id === asking);
  if (!field) return { type: 'confirm', userId: OWNER };
  const options = field.options ?? [];
  const option = options[good.choice % Math.max(options.length, 1)];
  const checked = CHECKED_GOOD[field.kind];
  if (checked !== undefined) return { type: 'text', userId: OWNER, text: checked };
  if (!good.typed || field.kind === 'knowledge') {
    const values = option !== undefined ? [option] : field.kind === 'checkbox' ? ['true'] : ['kno_1'];
    return { type: 'pick', userId: OWNER, fieldId: field.id, values };
  }
  const text = option ?? (field.kind === 'checkbox' ? 'yes' : 'ok');
  return { type: 'text', userId: OWNER, text };
}

/** Valid pre-filled values for some of the task's inputs. */
export function prefilledArb(task: TaskDefinition): fc.Arbitrary<InputValues> {
  const entries = task.inputs.map((f) => {
    const options = f.options ?? [];
    const value: fc.Arbitrary<string | string[]> =
      CHECKED_GOOD[f.kind] !== undefined
        ? fc.constant(CHECKED_GOOD[f.kind] as string)
        : f.kind === 'select' && options.length > 0
        ? fc.constantFrom(...options)
        : f.kind === 'checkbox'
          ? fc.constantFrom('true', 'false')
          : ['multi_select', 'knowledge', 'tags'].includes(f.kind)
            ? fc.uniqueArray(fc.constantFrom(...(options.length > 0 ? options : ['a', 'b'])), { minLength: 1, maxLength: 2 })
            : fc.constantFrom('given', 'also given');
    return fc.option(value.map((v) => [f.id, v] as const), { nil: undefined, freq: 2 });
  });
  return fc.tuple(...entries).map((pairs) => Object.fromEntries(pairs.filter((p) => p !== undefined)));
}
