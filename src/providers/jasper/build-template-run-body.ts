/**
 * RunRequest for a template -> the body of `POST /templates/{id}/run`: `{ inputs: { <inputKey>: value, ..., knowledgeIds?,
 * toneId?, styleId?, audienceId? } }`.
 *
 * Values by template type: string -> the text (a select sends the chosen option's VALUE, found by its label or value);
 * string[] -> a list (options mapped the same way); boolean -> true/false; number -> a number (text that is not a number is
 * sent as it is, for Jasper to refuse with its own message); knowledge[] -> a list of ids (an `id::prompt` value, see
 * knowledge-ref.ts, sends its id only: templates document no extraction prompt). Empty values are left out.
 *
 * Brand settings go inside `inputs`: `toneId`, `styleId` (our `styleGuideId`), `audienceId`, `knowledgeIds`. Templates
 * document no output language, so `toLanguage` is not sent.
 *
 * Templates keep no session and have no free context items, so a CONTINUATION (and any extra context) is written into
 * one text input as a short block: "Previous output: ... / Earlier requests: ... / Requested change: ...".
 * The input is chosen so that the template reads it as context:
 *   1. a plain string input whose key or label says context (context, background, additional, notes):
 *      the block is appended after what the user wrote there;
 *   2. otherwise the main text input (the long-text one with the most room, else the first text one, required first):
 *      the block is put BEFORE what the user wrote, so the template sees the earlier output, the change, then the
 *      original input.
 * When the input has a `maxLength`, the previous output is shortened (its start kept, "…" marking the cut) so the
 * whole value fits; the instruction and the user's own value are cut only when they alone do not fit. A template
 * with no text input cannot carry a continuation: it runs on its inputs alone (logged).
 */
import type { InputField, InputValue, RunRequest } from '../types.js';
import { parseKnowledgeValue } from './knowledge-ref.js';
import type { ProviderLogger } from './map-jasper-task.js';
import { optionLabel, optionValue, templateInputKey } from './map-jasper-template.js';
import type { JasperTemplate, JasperTemplateOption, JasperTemplateRunBody, JasperTemplateValue } from './template-schemas.js';

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const CONTEXT_WORDS = /\b(context|background|additional|notes?)\b/i;
const BRAND_KEYS = new Set(['knowledgeIds', 'toneId', 'styleId', 'audienceId']);

type TemplateRunRequest = Pick<RunRequest, 'task' | 'values' | 'extra' | 'brand' | 'continuation'>;

export function buildTemplateRunBody(request: TemplateRunRequest, template?: JasperTemplate, logger?: ProviderLogger): JasperTemplateRunBody {
  const inputs: JasperTemplateRunBody['inputs'] = {};
  const optionsByKey = new Map<string, JasperTemplateOption[]>();
  for (const input of template?.inputSchema ?? []) {
    const key = templateInputKey(input);
    if (key && input.options?.length) optionsByKey.set(key, input.options);
  }
  for (const input of request.task.inputs) {
    if (BRAND_KEYS.has(input.id)) continue;
    const raw = request.values[input.id];
    const value = raw === undefined ? undefined : formatValue(input, raw, optionsByKey.get(input.id));
    if (value !== undefined) inputs[input.id] = value;
  }

  const carried = carryOver(request);
  if (carried) {
    const target = contextInput(request.task.inputs) ?? mainTextInput(request.task.inputs);
    if (target) {
      const own = typeof inputs[target.field.id] === 'string' ? (inputs[target.field.id] as string) : '';
      inputs[target.field.id] = placeCarryOver(carried, own, target.append, target.field.maxLength);
    } else {
      logger?.warn('Jasper template has no text input to carry the follow-up in; running on its inputs alone', { templateId: request.task.id });
    }
  }

  const brand = request.brand ?? {};
  if (brand.knowledgeIds?.length) inputs.knowledgeIds = [...brand.knowledgeIds];
  if (brand.toneId) inputs.toneId = brand.toneId;
  if (brand.styleGuideId) inputs.styleId = brand.styleGuideId;
  if (brand.audienceId) inputs.audienceId = brand.audienceId;
  return { inputs };
}

function formatValue(input: InputField, raw: InputValue, options: JasperTemplateOption[] | undefined): JasperTemplateValue | undefined {
  const list = (Array.isArray(raw) ? raw : [raw]).filter((v) => v.trim() !== '');
  switch (input.upstreamType) {
    case 'string[]':
      return list.length > 0 ? list.map((v) => chosenValue(v, options)) : undefined;
    case 'knowledge[]': {
      const ids = list.map((v) => parseKnowledgeValue(v)?.knowledgeId).filter((id): id is string => id !== undefined);
      return ids.length > 0 ? ids : undefined;
    }
    case 'boolean': {
      const first = list[0];
      return first === undefined ? undefined : TRUE_WORDS.has(first.trim().toLowerCase());
    }
    case 'number': {
      const first = list[0]?.trim();
      if (first === undefined) return undefined;
      const n = Number(first);
      return Number.isFinite(n) ? n : first;
    }
    default: {
      if (list.length === 0) return undefined;
      if (options) return chosenValue(list[0] ?? '', options);
      return Array.isArray(raw) ? list.join(', ') : raw;
    }
  }
}

/** The option a user picked, by label (what the form shows) or by value; anything else is sent as typed. */
function chosenValue(picked: string, options: JasperTemplateOption[] | undefined): string | number | boolean {
  if (!options) return picked;
  const byLabel = options.find((o) => optionLabel(o) === picked);
  if (byLabel !== undefined) return optionValue(byLabel);
  const byValue = options.find((o) => String(optionValue(o)) === picked);
  return byValue !== undefined ? optionValue(byValue) : picked;
}

interface CarryOver {
  previousOutput: string;
  /** Everything but the previous output: earlier requests, the change, extra context. */
  rest: string[];
}

function carryOver(request: TemplateRunRequest): CarryOver | undefined {
  const rest: string[] = [];
  const continuation = request.continuation;
  const earlier = (continuation?.history ?? []).map((t) => t.instruction?.trim()).filter((i): i is string => !!i);
  if (earlier.length > 0) rest.push(`Earlier requests:\n${earlier.map((instruction, i) => `${i + 1}. ${instruction}`).join('\n')}`);
  const lastData = continuation?.history.at(-1)?.structured;
  if (lastData !== undefined) rest.push(`Previous data (JSON):\n${JSON.stringify(lastData)}`);
  if (continuation?.instruction.trim()) rest.push(`Requested change:\n${continuation.instruction.trim()}`);
  for (const item of request.extra ?? []) if (item.answer.trim()) rest.push(`${item.name.trim() || item.question.trim()}:\n${item.answer.trim()}`);
  const previousOutput = continuation?.history.at(-1)?.output.trim() ?? '';
  return previousOutput || rest.length > 0 ? { previousOutput, rest } : undefined;
}

function isPlainText(input: InputField): boolean {
  return input.upstreamType === 'string' && (input.kind === 'text' || input.kind === 'long_text');
}

function contextInput(inputs: InputField[]): { field: InputField; append: boolean } | undefined {
  const words = (input: InputField) => `${input.id.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]/g, ' ')} ${input.name}`;
  const field = inputs.find((i) => isPlainText(i) && CONTEXT_WORDS.test(words(i)));
  return field ? { field, append: true } : undefined;
}

function mainTextInput(inputs: InputField[]): { field: InputField; append: boolean } | undefined {
  const room = (i: InputField) => i.maxLength ?? Number.POSITIVE_INFINITY;
  const long = inputs.filter((i) => isPlainText(i) && i.kind === 'long_text').sort((a, b) => room(b) - room(a))[0];
  const text = inputs.filter(isPlainText).sort((a, b) => Number(b.required) - Number(a.required))[0];
  const field = long ?? text;
  return field ? { field, append: false } : undefined;
}

const SEP = '\n\n';

/** The block and the user's own value in one string, within `maxLength` by shortening the previous output only. */
function placeCarryOver(carried: CarryOver, own: string, append: boolean, maxLength: number | undefined): string {
  const compose = (previous: string) => {
    const block = [previous ? `Previous output:\n${previous}` : '', ...carried.rest].filter(Boolean).join(SEP);
    return [append ? own : '', block, append ? '' : own].filter((p) => p.trim() !== '').join(SEP);
  };
  const full = compose(carried.previousOutput);
  if (maxLength === undefined || full.length <= maxLength) return full;
  const withoutPrevious = compose('');
  // Room left for the previous output, its heading and the separators around it.
  const room = maxLength - withoutPrevious.length - 'Previous output:\n'.length - 2 * SEP.length - 1;
  if (room <= 0) return withoutPrevious.slice(0, maxLength);
  // Cut in UTF-16 units, as lengths are counted, without splitting a surrogate pair.
  const cut = carried.previousOutput.slice(0, room).replace(/[\uD800-\uDBFF]$/, '');
  const shortened = compose(`${cut}…`);
  return shortened.length <= maxLength ? shortened : withoutPrevious.slice(0, maxLength);
}
