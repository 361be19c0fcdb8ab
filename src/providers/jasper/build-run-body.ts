import type { InputField, InputValue, RunRequest } from '../types.js';
import type { JasperContextItemInput, JasperContextValue, JasperRunBody } from './jasper-schemas.js';

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
  if (LIST_TYPES.has(input.upstreamType)) return list.length > 0 ? list : undefined;
  if (input.upstreamType === 'CHECKBOX') {
    const first = list[0];
    return first === undefined ? undefined : String(TRUE_WORDS.has(first.trim().toLowerCase()));
  }
  if (Array.isArray(raw)) return list.length > 0 ? list.join(', ') : undefined;
  return raw.trim() === '' ? undefined : raw;
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
  if (continuation.instruction.trim()) {
    items.push({ name: 'Requested change', question: 'What should change in this new version?', answer: continuation.instruction });
  }
  return items;
}
