/**
 * RunRequest -> the body of `POST /tasks/{id}/run[/stream]`.
 *
 * Brand settings (`request.brand`) go at the top level as Jasper's run body names them: `toneId`, `audienceId`,
 * `styleGuideId`, `knowledgeIds`, `toLanguage` (empty ones left out).
 *
 * KNOWLEDGE inputs with an extraction prompt: our InputValues are `string | string[]`, so each chosen item is a string,
 * either `kno_1` (the id alone) or `kno_1::Extract only the product specifications` (the FIRST `::` separates the id from
 * the prompt; see knowledge-ref.ts for the helpers that write and read it). When no item has a prompt the value is sent as
 * a list of ids (`["kno_1", "kno_2"]`); when any has one, every item is sent in the object form
 * (`[{ knowledgeId: "kno_1", knowledgeExtractionPrompt: "..." }, { knowledgeId: "kno_2" }]`), since the guide shows the two
 * forms as alternatives and never mixed in one list.
 */
import type { InputField, InputValue, RunRequest } from '../types.js';
import type { JasperContextItemInput, JasperContextValue, JasperRunBody } from './jasper-schemas.js';
import { parseKnowledgeValue } from './knowledge-ref.js';

const LIST_TYPES = new Set(['MULTISELECT', 'TAGS_INPUT', 'KNOWLEDGE']);
const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);

/** RunRequest -> the body of `POST /tasks/{id}/run[/stream]`. Values are keyed by input id; empty ones are left out. */
export function buildRunBody(request: Pick<RunRequest, 'task' | 'values' | 'extra' | 'brand' | 'continuation'>): JasperRunBody {
  const contextItems: JasperContextItemInput[] = [];
  for (const input of request.task.inputs) {
    const raw = request.values[input.id];
    const value = raw === undefined ? undefined : formatValue(input, raw);
    if (value !== undefined) contextItems.push({ id: input.id, value });
  }
  for (const item of request.extra ?? []) {
    if (item.answer.trim()) contextItems.push({ name: item.name, question: item.question, answer: item.answer });
  }
  if (request.continuation) contextItems.push(...continuationItems(request.continuation));

  const body: JasperRunBody = { contextItems };
  const brand = request.brand ?? {};
  if (brand.toneId) body.toneId = brand.toneId;
  if (brand.audienceId) body.audienceId = brand.audienceId;
  if (brand.styleGuideId) body.styleGuideId = brand.styleGuideId;
  if (brand.knowledgeIds?.length) body.knowledgeIds = [...brand.knowledgeIds];
  if (brand.toLanguage) body.toLanguage = brand.toLanguage;
  return body;
}

/** Jasper's format per type: string lists for MULTISELECT, TAGS_INPUT, KNOWLEDGE; "true"/"false" for CHECKBOX; text otherwise. */
function formatValue(input: InputField, raw: InputValue): JasperContextValue | undefined {
  const list = (Array.isArray(raw) ? raw : [raw]).filter((v) => v.trim() !== '');
  if (input.upstreamType === 'KNOWLEDGE') return knowledgeValue(list);
  if (LIST_TYPES.has(input.upstreamType)) return list.length > 0 ? list : undefined;
  if (input.upstreamType === 'CHECKBOX') {
    const first = list[0];
    return first === undefined ? undefined : String(TRUE_WORDS.has(first.trim().toLowerCase()));
  }
  if (Array.isArray(raw)) return list.length > 0 ? list.join(', ') : undefined;
  return raw.trim() === '' ? undefined : raw;
}

/** Ids alone, or every item as `{ knowledgeId, knowledgeExtractionPrompt? }` when any item has a prompt. */
function knowledgeValue(list: string[]): JasperContextValue | undefined {
  const refs = list.map(parseKnowledgeValue).filter((r) => r !== undefined);
  if (refs.length === 0) return undefined;
  if (refs.some((r) => r.knowledgeExtractionPrompt !== undefined)) return refs;
  return refs.map((r) => r.knowledgeId);
}

/** Jasper keeps no session: a follow-up carries the previous output and what should change as custom items. */
function continuationItems(continuation: NonNullable<RunRequest['continuation']>): JasperContextItemInput[] {
  const items: JasperContextItemInput[] = [];
  const earlier = continuation.history.map((turn) => turn.instruction?.trim()).filter((i): i is string => !!i);
  if (earlier.length > 0) {
    items.push({
      name: 'Earlier requests',
      question: 'What was asked for in earlier turns, oldest first?',
      answer: earlier.map((instruction, i) => `${i + 1}. ${instruction}`).join('\n'),
    });
  }
  const last = continuation.history.at(-1);
  if (last?.output.trim()) {
    items.push({ name: 'Previous output', question: 'What did you write in the previous turn?', answer: last.output });
  }
  if (last?.structured !== undefined) {
    items.push({ name: 'Previous data', question: 'What structured data (JSON) did the previous turn return?', answer: JSON.stringify(last.structured) });
  }
  if (continuation.instruction.trim()) {
    items.push({ name: 'Requested change', question: 'What should change in this new version?', answer: continuation.instruction });
  }
  return items;
}
