/**
 * The fake Jasper's writing endpoints beyond tasks: `POST /command` (inputs and options validated as the notes give
 * them), `POST /styles/{id}/apply` and `POST /image/remove-background`. Style apply (and keep writing) are not in
 * Jasper's current API description: a test can retire them, and they then answer 404 like any unknown route.
 */
import { randomUUID } from 'node:crypto';
import { badRequest, isRecord, isStringArray, notFound } from './common.js';
import type { FakeStyle } from './brand.js';

const INPUT_KEYS = ['command', 'context', 'knowledgeIds', 'styleId', 'toneId', 'audienceId', 'retrievalAddOn'];
const OPTION_KEYS = ['outputCount', 'inputLanguage', 'outputLanguage', 'languageFormality', 'completionType', 'webSearch', 'webScraper'];

function unknownKeys(value: Record<string, unknown>, allowed: string[], at: string): string[] {
  return Object.keys(value)
    .filter((k) => !allowed.includes(k))
    .map((k) => `${at}property ${k} should not exist`);
}

/** `{ inputs: { command, context?, ... }, options? }` -> what Jasper would refuse, or nothing. */
export function checkCommandBody(body: Record<string, unknown>): void {
  const errors = unknownKeys(body, ['inputs', 'options'], '');
  const inputs = body.inputs;
  if (!isRecord(inputs) || typeof inputs.command !== 'string' || inputs.command.trim() === '') throw badRequest([...errors, 'inputs.command should not be empty', 'inputs.command must be a string']);
  errors.push(...unknownKeys(inputs, INPUT_KEYS, 'inputs.'));
  if (inputs.context !== undefined && typeof inputs.context !== 'string') errors.push('inputs.context must be a string');
  if (inputs.knowledgeIds !== undefined && (!isStringArray(inputs.knowledgeIds) || inputs.knowledgeIds.length > 3)) errors.push('inputs.knowledgeIds must be an array of at most 3 strings');
  if (inputs.retrievalAddOn !== undefined && inputs.retrievalAddOn !== 'webSearch' && inputs.retrievalAddOn !== 'webScraper') {
    errors.push('inputs.retrievalAddOn must be one of the following values: webSearch, webScraper');
  }
  const options = body.options;
  if (options !== undefined) {
    if (!isRecord(options)) throw badRequest([...errors, 'options must be an object']);
    errors.push(...unknownKeys(options, OPTION_KEYS, 'options.'));
    if (options.languageFormality !== undefined && !['default', 'more', 'less'].includes(String(options.languageFormality))) {
      errors.push('options.languageFormality must be one of the following values: default, more, less');
    }
    for (const key of ['inputLanguage', 'outputLanguage']) if (options[key] !== undefined && typeof options[key] !== 'string') errors.push(`options.${key} must be a string`);
    const search = options.webSearch;
    if (search !== undefined) {
      if (!isRecord(search)) errors.push('options.webSearch must be an object');
      else {
        errors.push(...unknownKeys(search, ['searchQuery', 'maxResults', 'siteBlockList'], 'options.webSearch.'));
        if (search.maxResults !== undefined && (!Number.isInteger(search.maxResults) || Number(search.maxResults) < 1 || Number(search.maxResults) > 5)) {
          errors.push('options.webSearch.maxResults must be an integer from 1 to 5');
        }
      }
    }
  }
  if (errors.length > 0) throw badRequest(errors);
}

export function commandAnswerJson(text: string) {
  return { requestId: randomUUID(), resource: 'command', data: [{ id: randomUUID(), text }] };
}

/** `{ content }` -> `{ data: { text } }`: the fake's "rewrite" names the style, so a test can see it was applied. */
export function applyStyle(styles: FakeStyle[], styleId: string, body: Record<string, unknown>) {
  const style = styles.find((s) => s.id === styleId);
  if (!style) throw notFound('Style not found');
  const extra = unknownKeys(body, ['content'], '');
  if (typeof body.content !== 'string' || body.content.trim() === '') throw badRequest([...extra, 'content should not be empty', 'content must be a string']);
  if (extra.length > 0) throw badRequest(extra);
  return { requestId: randomUUID(), resource: 'styles', data: { text: `${body.content} [rewritten in ${style.name}]` } };
}

/** The PNG signature: the fake's cut-out is the PNG signature followed by the image it was sent. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const IMAGE_MAX_BYTES = 30 * 1024 * 1024;

/** `image_file` (one image, at most 30 MB) -> the cut-out's bytes. */
export async function removeBackground(form: FormData | undefined): Promise<Buffer> {
  const file = form?.get('image_file');
  if (!file || typeof file === 'string') throw badRequest(['image_file is required (one image, in the "image_file" field)']);
  if (!file.type.startsWith('image/')) throw badRequest(`image_file must be an image, not ${file.type || 'an unknown type'}`);
  if (file.size > IMAGE_MAX_BYTES) throw badRequest('image_file must not be larger than 30 MB');
  return Buffer.concat([PNG_SIGNATURE, Buffer.from(await file.arrayBuffer())]);
}

/** `{ inputs: { type: "text" | "id", value }, options?: { inputLanguage, outputLanguage, languageFormality } }` -> 201 `{ data: [{ id, text }] }`. */
export function keepWriting(body: Record<string, unknown>, text: string) {
  const errors = unknownKeys(body, ['inputs', 'options'], '');
  const inputs = body.inputs;
  if (!isRecord(inputs)) throw badRequest([...errors, 'inputs must be an object']);
  errors.push(...unknownKeys(inputs, ['type', 'value'], 'inputs.'));
  if (inputs.type !== 'text' && inputs.type !== 'id') errors.push('inputs.type must be one of the following values: text, id');
  if (typeof inputs.value !== 'string' || inputs.value.trim() === '') errors.push('inputs.value should not be empty', 'inputs.value must be a string');
  const options = body.options;
  if (options !== undefined) {
    if (!isRecord(options)) errors.push('options must be an object');
    else {
      errors.push(...unknownKeys(options, ['inputLanguage', 'outputLanguage', 'languageFormality'], 'options.'));
      if (options.languageFormality !== undefined && !['default', 'more', 'less'].includes(String(options.languageFormality))) {
        errors.push('options.languageFormality must be one of the following values: default, more, less');
      }
    }
  }
  if (errors.length > 0) throw badRequest(errors);
  return { requestId: randomUUID(), resource: 'keep-writing', data: [{ id: randomUUID(), text }] };
}
